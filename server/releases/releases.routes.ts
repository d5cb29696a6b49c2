import type { Hono } from "hono";
import { releasesApi } from "../../shared/contract/releases.routes.ts";
import {
  CheckReleaseRequest,
  ComposeReleaseRequest,
  ParticipantSummaryRequest,
  PublicTokenParam,
  PublishReleaseRequest,
  ReleaseAnnotationRequest,
  ReleaseIdParam,
  ReleaseSignOffRequest,
} from "../../shared/contract/releases.schema.ts";
import type { ParticipantSummary } from "../../shared/contract/releases.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { scoreSummary } from "./participant-summary.ts";
import {
  findRelease,
  findReleaseByToken,
  insertAnnotation,
  insertRelease,
  insertSignOff,
  keepShownSnapshot,
  listReleases,
  publishRelease,
  setParticipantSummary,
  signOffs,
  updateComposition,
} from "./releases.repository.ts";
import {
  canRead,
  checkReleaseFigures,
  compositionOf,
  newId,
  newPublicToken,
  publishedRelease,
  readableRelease,
  releaseView,
  requireReleaseAnalyst,
  signerRole,
  snapshotOf,
  summaries,
  validateComposition,
} from "./releases.service.ts";

/** Path ids are checked before any query, so a hostile id is a plain 404. */
function releaseId(raw: string): string {
  const parsed = ReleaseIdParam.safeParse(raw);
  if (!parsed.success) throw new ProblemError("release_not_found");
  return parsed.data;
}

/** `/api/releases`: compose, check, sign off, annotate, publish and read (shared/contract/releases.ts). */
export function releasesRoutes(api: Hono<AppEnv>): void {
  mount(api, releasesApi.list, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const rows = (await listReleases(db, false)).filter((r) => canRead(user, r));
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "release.list",
      detail: { count: rows.length },
    });
    return { releases: await summaries(db, rows) };
  });

  mount(api, releasesApi.compose, { body: ComposeReleaseRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    requireReleaseAnalyst(user);
    await validateComposition(db, body, null);
    const id = newId();
    const at = now();
    await db.transaction().execute(async (trx) => {
      await insertRelease(trx, { id, composition: body, userId: user.id, now: at.toISOString() });
      await audit(trx, { ...requestOrigin(c), at, actorId: user.id, action: "release.compose", target: id });
    });
    const row = await findRelease(db, id);
    if (!row) throw new ProblemError("internal");
    return releaseView(db, row, user);
  });

  mount(api, releasesApi.get, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const row = await readableRelease(db, releaseId(params.id), user);
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "release.read",
      target: row.id,
    });
    return releaseView(db, row, user);
  });

  mount(api, releasesApi.update, { body: ComposeReleaseRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    requireReleaseAnalyst(user);
    const row = await readableRelease(db, releaseId(params.id), user);
    if (row.status === "published") throw new ProblemError("release_published");
    await validateComposition(db, body, row.id);
    const at = now();
    // The snapshot experts could read until now is kept for later checks to compare with (0076).
    await keepShownSnapshot(db, row, newId());
    const updated = await updateComposition(db, row.id, body, at.toISOString(), (trx) =>
      audit(trx, { ...requestOrigin(c), at, actorId: user.id, action: "release.update", target: row.id }),
    );
    if (!updated) throw new ProblemError("release_published");
    const fresh = await findRelease(db, row.id);
    if (!fresh) throw new ProblemError("internal");
    return releaseView(db, fresh, user);
  });

  mount(api, releasesApi.check, { body: CheckReleaseRequest }, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    requireReleaseAnalyst(user);
    const row = await readableRelease(db, releaseId(params.id), user);
    const at = now();
    // The audit entry is written with the snapshot, in one transaction (docs/decisions/0079).
    await checkReleaseFigures(
      db,
      row,
      { id: user.id, name: user.displayName },
      at,
      {},
      undefined,
      (trx, snapshot) =>
        audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "release.check",
          target: row.id,
          detail: {
            snapshotId: snapshot.id,
            withheld: snapshot.checklist.reduce((s, item) => s + item.withheld.length, 0),
            against: snapshot.checkedAgainst.map((e) => e.id),
          },
        }),
    );
    const fresh = await findRelease(db, row.id);
    if (!fresh) throw new ProblemError("internal");
    return releaseView(db, fresh, user);
  });

  mount(api, releasesApi.signOff, { body: ReleaseSignOffRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const row = await readableRelease(db, releaseId(params.id), user);
    if (row.status === "published") throw new ProblemError("release_published");
    const snapshot = snapshotOf(row);
    if (row.status !== "checked" || !snapshot) throw new ProblemError("release_not_checked");
    if (snapshot.id !== body.snapshotId) throw new ProblemError("release_snapshot_changed");
    const as = signerRole(user);
    if (!as) throw new ProblemError("forbidden_role");
    const existing = await signOffs(db, row.id, snapshot.id);
    if (existing.some((s) => s.as === as || s.by.id === user.id))
      throw new ProblemError(
        "release_already_signed",
        as === "analyst" ? "An analyst has signed already." : "An expert has signed already.",
      );
    const at = now();
    const id = newId();
    try {
      await db.transaction().execute(async (trx) => {
        await insertSignOff(trx, {
          id,
          releaseId: row.id,
          snapshotId: snapshot.id,
          as,
          userId: user.id,
          note: body.note,
          namedInPublic: body.namedInPublic === true,
          now: at.toISOString(),
        });
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "release.signoff",
          target: row.id,
          detail: { as, snapshotId: snapshot.id },
        });
      });
    } catch {
      // The unique constraints decide a race between two sign-offs.
      throw new ProblemError("release_already_signed");
    }
    return {
      id,
      snapshotId: snapshot.id,
      as,
      by: { id: user.id, name: user.displayName },
      note: body.note,
      signedAt: at.toISOString(),
      namedInPublic: body.namedInPublic === true,
    };
  });

  mount(api, releasesApi.annotate, { body: ReleaseAnnotationRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const row = await readableRelease(db, releaseId(params.id), user);
    if (row.status === "published") throw new ProblemError("release_published");
    const snapshot = snapshotOf(row);
    if (row.status !== "checked" || !snapshot) throw new ProblemError("release_not_checked");
    if (!snapshot.tables.some((t) => t.id === body.tableId))
      throw new ProblemError("release_table_not_found");
    if (body.whatItMeans === "" && body.whatShouldChange === "")
      throw new ProblemError("invalid_body", "Write what this means, what should change, or both.", [
        { path: ["whatItMeans"], message: "Write something here or under “What should change”." },
      ]);
    const at = now();
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await insertAnnotation(trx, {
        id,
        releaseId: row.id,
        tableId: body.tableId,
        whatItMeans: body.whatItMeans,
        whatShouldChange: body.whatShouldChange,
        userId: user.id,
        namedInPublic: body.namedInPublic === true,
        now: at.toISOString(),
      });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "release.annotate",
        target: row.id,
        detail: { tableId: body.tableId },
      });
    });
    return {
      id,
      tableId: body.tableId,
      whatItMeans: body.whatItMeans,
      whatShouldChange: body.whatShouldChange,
      by: { id: user.id, name: user.displayName },
      createdAt: at.toISOString(),
      namedInPublic: body.namedInPublic === true,
    };
  });

  mount(
    api,
    releasesApi.participantSummary,
    { body: ParticipantSummaryRequest },
    async (c, { params, body }) => {
      const { db, now } = c.get("deps");
      const user = requireUser(c.get("user"));
      const row = await readableRelease(db, releaseId(params.id), user);
      if (row.status === "published") throw new ProblemError("release_published");
      if (row.status !== "checked") throw new ProblemError("release_not_checked");
      const at = now();
      const summary: ParticipantSummary = {
        text: body.text,
        ...scoreSummary(body.text),
        editedBy: { id: user.id, name: user.displayName },
        updatedAt: at.toISOString(),
      };
      // With its audit entry, in one transaction (docs/decisions/0079).
      await db.transaction().execute(async (trx) => {
        if (!(await setParticipantSummary(trx, row.id, summary, at.toISOString())))
          throw new ProblemError("release_published");
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "release.summary",
          target: row.id,
        });
      });
      return summary;
    },
  );

  mount(api, releasesApi.publish, { body: PublishReleaseRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    requireReleaseAnalyst(user);
    const row = await readableRelease(db, releaseId(params.id), user);
    if (row.status === "published") throw new ProblemError("release_published");
    const snapshot = snapshotOf(row);
    if (row.status !== "checked" || !snapshot) throw new ProblemError("release_not_checked");
    if (snapshot.id !== body.snapshotId) throw new ProblemError("release_snapshot_changed");
    const signed = await signOffs(db, row.id, snapshot.id);
    if (!signed.some((s) => s.as === "analyst") || !signed.some((s) => s.as === "expert"))
      throw new ProblemError("release_not_signed_off");
    // The cross-release check saw only the releases published by then.
    const seen = new Set(snapshot.checkedAgainst.map((e) => e.id));
    const publishedSince = await db
      .selectFrom("releases")
      .select(["id"])
      .where("survey_id", "=", row.survey_id)
      .where("status", "=", "published")
      .where("id", "!=", row.id)
      .execute();
    if (publishedSince.some((r) => !seen.has(r.id))) throw new ProblemError("release_check_outdated");
    const composition = compositionOf(row);
    if (composition.corrects !== null) {
      const target = await findRelease(db, composition.corrects);
      if (!target || target.status !== "published" || target.corrected_by)
        throw new ProblemError("release_correction_invalid");
    }
    const at = now();
    const token = composition.audiences.includes("public") ? newPublicToken() : null;
    const published = await publishRelease(
      db,
      row.id,
      snapshot.id,
      { userId: user.id, now: at.toISOString(), token, corrects: composition.corrects },
      (trx) =>
        audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "release.publish",
          target: row.id,
          detail: {
            snapshotId: snapshot.id,
            audiences: composition.audiences,
            corrects: composition.corrects,
          },
        }),
    );
    if (!published) throw new ProblemError("release_snapshot_changed");
    const fresh = await findRelease(db, row.id);
    if (!fresh) throw new ProblemError("internal");
    return releaseView(db, fresh, user);
  });
}

/** `/api/public/releases/:token`: a published public release, without sign-in. */
export function publicReleasesRoutes(api: Hono<AppEnv>): void {
  mount(api, releasesApi.public, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const parsed = PublicTokenParam.safeParse(params.token);
    if (!parsed.success) throw new ProblemError("release_not_found");
    const row = await findReleaseByToken(db, parsed.data);
    if (!row || row.status !== "published" || !compositionOf(row).audiences.includes("public"))
      throw new ProblemError("release_not_found");
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: null,
      action: "release.public_read",
      target: row.id,
    });
    return publishedRelease(db, row);
  });
}
