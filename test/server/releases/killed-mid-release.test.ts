import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReleaseView } from "../../../shared/contract/releases.ts";
import { call, during, holdLock, serverSlot } from "../../helpers/killed-server.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { reviewDetail, seenOf } from "../governance/helpers.ts";
import { interview, upload } from "../outcomes/helpers.ts";
import { composeAndCheck, fourAreasFieldwork, json } from "./helpers.ts";

/**
 * Crash runs of the release workflow (docs/decisions/0079): the built server, over the test's own
 * database (both dialects), killed with SIGKILL while a release is checked, stored, published, while
 * a review decision waits in the refresh queue and while a withdrawal deletes. The moment is held
 * open by a lock the test takes (killed-server.ts), or found by watching the database; no hook in the
 * server. Afterwards the release is whole (one check's snapshot, figures and interviews), nothing is
 * published without its two sign-offs and its audit entry, and the restarted server checks again.
 */

let t: TestContext;
let analyst: string;
let expert: string;
const slot = serverSlot(() => t);
const extra = interview({ area: "north" }, { say: 5, helped: true, housing: "hostel", nights: 2 });

beforeEach(async () => {
  t = await createTestContext();
  ({ analyst, expert } = await fourAreasFieldwork(t, [extra]));
});
afterEach(async () => {
  await slot.stop();
  await t.close();
});

const restart = () => slot.restart();

/** What the database holds of one release: its snapshot, stored figures and interviews. */
async function stored(id: string) {
  const row = await t.db
    .selectFrom("releases")
    .select(["status", "snapshot_id", "snapshot"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const figures = await t.db
    .selectFrom("release_check_figures")
    .select("snapshot_id")
    .where("release_id", "=", id)
    .execute();
  const interviews = await t.db
    .selectFrom("release_interviews")
    .select("response_id")
    .where("release_id", "=", id)
    .orderBy("response_id")
    .execute();
  const snapshotId = row.snapshot ? (JSON.parse(row.snapshot) as { id: string }).id : null;
  return {
    status: row.status,
    snapshotId: row.snapshot_id,
    snapshotInside: snapshotId,
    figuresOf: figures.map((f) => f.snapshot_id),
    interviews: interviews.map((i) => i.response_id),
  };
}

/** The copies kept of snapshots readers saw (0076), with their interviews. */
async function keptCopies(surveyId: string) {
  const rows = await t.db
    .selectFrom("releases")
    .select(["id", "snapshot_id"])
    .where("survey_id", "=", surveyId)
    .where("status", "=", "shown_before")
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      snapshotId: r.snapshot_id,
      figures: (await stored(r.id)).figuresOf,
      interviews: (await stored(r.id)).interviews,
    })),
  );
}

async function auditCount(action: string, target: string): Promise<number> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select("id")
    .where("action", "=", action)
    .where("target", "=", target)
    .execute();
  return rows.length;
}

function northInterviews(view: ReleaseView): unknown {
  const participation = view.snapshot?.tables.find((table) => table.kind === "participation");
  return participation?.rows.find((row) => row.key.startsWith("north@"))?.cells.interviews;
}

/** The release as checked first (in process), whole: snapshot, its figures, its interviews. */
async function firstCheck(): Promise<{ view: ReleaseView; interviews: string[] }> {
  const view = await composeAndCheck(t, analyst);
  const first = await stored(view.id);
  expect(first.figuresOf).toEqual([view.snapshot?.id]);
  return { view, interviews: first.interviews };
}

/** Polls the database until `found` holds (the server is doing what the test waits for). */
async function until(found: () => Promise<boolean>, label: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await found())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${label}\n${slot.output()}`);
    await new Promise((resume) => setTimeout(resume, 5));
  }
}

describe("a server killed while a release is checked", () => {
  it("leaves the checked snapshot whole at each moment, keeps it for later checks, and checks again", async () => {
    const { view, interviews } = await firstCheck();
    const s1 = view.snapshot?.id ?? "";
    // One more interview, so a new check's figures differ from the ones an expert could read.
    await upload(t, await t.signIn("admin"), [interview({ area: "south" }, { say: 3, helped: false })]);

    // 1. While the shown snapshot is being kept (PostgreSQL: its interviews' copy waits; SQLite: its
    //    first write waits).
    let live = await restart();
    let lock = await holdLock(t, "release_interviews");
    let answer = during(call(live, `/api/releases/${view.id}/check`, analyst, {}));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    expect(await answer).toBeNull();
    expect(await stored(view.id)).toEqual({
      status: "checked",
      snapshotId: s1,
      snapshotInside: s1,
      figuresOf: [s1],
      interviews,
    });
    expect(await keptCopies(view.composition.surveyId)).toEqual([]);

    // 2. In the check's thread, after the snapshot was kept: killed the moment its copy is there.
    live = await restart();
    answer = during(call(live, `/api/releases/${view.id}/check`, analyst, {}));
    await until(async () => (await keptCopies(view.composition.surveyId)).length > 0, "the kept copy");
    await live.kill("SIGKILL");
    const midCheck = await answer;
    const afterCheck = await stored(view.id);
    // Either the check was cut off (the old snapshot, whole) or it had stored (the new one, whole).
    if (midCheck === null) expect(afterCheck.snapshotId).toBe(s1);
    expect(afterCheck.snapshotInside).toBe(afterCheck.snapshotId);
    expect(afterCheck.figuresOf).toEqual([afterCheck.snapshotId]);
    if (afterCheck.snapshotId === s1) expect(afterCheck.interviews).toEqual(interviews);
    const kept = await keptCopies(view.composition.surveyId);
    expect(kept).toEqual([{ id: kept[0]?.id, snapshotId: s1, figures: [s1], interviews }]);

    // 3. While the new snapshot is stored (PostgreSQL: inside its transaction, the release row updated
    //    and its interviews about to be replaced; SQLite: its first write waiting).
    if (afterCheck.snapshotId === s1) {
      live = await restart();
      lock = await holdLock(t, "release_interviews");
      answer = during(call(live, `/api/releases/${view.id}/check`, analyst, {}));
      await lock.waitedOn(live);
      await live.kill("SIGKILL");
      await lock.release();
      expect(await answer).toBeNull();
      expect(await stored(view.id)).toEqual({
        status: "checked",
        snapshotId: s1,
        snapshotInside: s1,
        figuresOf: [s1],
        interviews,
      });
    }

    // Restarted: the check runs again, against the snapshot the expert could read (kept once).
    live = await restart();
    const again = await json<ReleaseView>(
      await call(live, `/api/releases/${view.id}/check`, analyst, {}),
      200,
    );
    const s2 = again.snapshot?.id ?? "";
    expect(s2).not.toBe(s1);
    const now = await stored(view.id);
    expect(now).toMatchObject({ status: "checked", snapshotId: s2, snapshotInside: s2, figuresOf: [s2] });
    expect(now.interviews).toHaveLength(interviews.length + 1);
    const copies = await keptCopies(view.composition.surveyId);
    expect(copies.map((c) => c.snapshotId)).toEqual([s1]);
    expect(again.snapshot?.checkedAgainst.map((e) => e.id) ?? []).toContain(copies[0]?.id);
  }, 120_000);
});

describe("a server killed before a check or a change is recorded", () => {
  it("stores a new snapshot only with its audit entry", async () => {
    const { view, interviews } = await firstCheck();
    const s1 = view.snapshot?.id ?? "";
    await upload(t, await t.signIn("admin"), [interview({ area: "south" }, { say: 3, helped: false })]);
    // The first check's entry.
    expect(await auditCount("release.check", view.id)).toBe(1);

    // PostgreSQL: the snapshot stored, the audit entry waiting; SQLite: the check's first write waiting.
    const live = await restart();
    const lock = await holdLock(t, "audit_log");
    const answer = during(call(live, `/api/releases/${view.id}/check`, analyst, {}));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    expect(await answer).toBeNull();
    const after = await stored(view.id);
    const audited = await auditCount("release.check", view.id);
    expect({ snapshotId: after.snapshotId, figuresOf: after.figuresOf, audited }).toEqual({
      snapshotId: s1,
      figuresOf: [s1],
      audited: 1,
    });
    expect(after.interviews).toEqual(interviews);

    const again = await restart();
    const checked = await json<ReleaseView>(
      await call(again, `/api/releases/${view.id}/check`, analyst, {}),
      200,
    );
    expect(await stored(view.id)).toMatchObject({
      snapshotId: checked.snapshot?.id,
      figuresOf: [checked.snapshot?.id],
    });
    expect(await auditCount("release.check", view.id)).toBe(2);
  }, 90_000);

  it("changes a checked release back to a draft whole, with its audit entry, or not at all", async () => {
    const { view, interviews } = await firstCheck();
    const s1 = view.snapshot?.id ?? "";
    const body = { ...view.composition, title: "How areas are doing, again" };

    // PostgreSQL: the release row changed, its figures and interviews deleted, the audit entry waiting.
    const live = await restart();
    const lock = await holdLock(t, "audit_log");
    const answer = during(call(live, `/api/releases/${view.id}`, analyst, body, "PUT"));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    expect(await answer).toBeNull();
    expect({ ...(await stored(view.id)), audited: await auditCount("release.update", view.id) }).toEqual({
      status: "checked",
      snapshotId: s1,
      snapshotInside: s1,
      figuresOf: [s1],
      interviews,
      audited: 0,
    });

    const again = await restart();
    const changed = await call(again, `/api/releases/${view.id}`, analyst, body, "PUT");
    expect(changed.status, await changed.text()).toBe(200);
    expect({ ...(await stored(view.id)), audited: await auditCount("release.update", view.id) }).toEqual({
      status: "draft",
      snapshotId: null,
      snapshotInside: null,
      figuresOf: [],
      interviews: [],
      audited: 1,
    });
    // The snapshot the expert could read is kept once, whole, for later checks (0076).
    expect(await keptCopies(view.composition.surveyId)).toEqual([
      { id: expect.any(String), snapshotId: s1, figures: [s1], interviews },
    ]);
  }, 90_000);

  it("changes the participants' summary only with its audit entry", async () => {
    const { view } = await firstCheck();
    const summaryOf = async () =>
      (
        await t.db
          .selectFrom("releases")
          .select("participant_summary")
          .where("id", "=", view.id)
          .executeTakeFirstOrThrow()
      ).participant_summary;
    const before = await summaryOf();
    const path = `/api/releases/${view.id}/participant-summary`;

    // PostgreSQL: the summary written, the audit entry waiting; SQLite: the write waiting.
    const live = await restart();
    const lock = await holdLock(t, "audit_log");
    const answer = during(call(live, path, expert, { text: "What you told us, in short." }, "PUT"));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    expect(await answer).toBeNull();
    expect({ summary: await summaryOf(), audited: await auditCount("release.summary", view.id) }).toEqual({
      summary: before,
      audited: 0,
    });

    const again = await restart();
    const written = await call(again, path, expert, { text: "What you told us, in short." }, "PUT");
    expect(written.status, await written.text()).toBe(200);
    expect(await summaryOf()).toContain("What you told us, in short.");
    expect(await auditCount("release.summary", view.id)).toBe(1);
  }, 90_000);
});

describe("a server killed while a release is published", () => {
  it("publishes with its audit entry or not at all, and the restarted server publishes it", async () => {
    const { view } = await firstCheck();
    const snapshotId = view.snapshot?.id ?? "";
    for (const cookie of [analyst, expert])
      await json(
        await t.request(`/api/releases/${view.id}/signoffs`, {
          method: "POST",
          cookie,
          json: { snapshotId, note: "" },
        }),
        201,
      );

    // The audit entry waits (PostgreSQL: after the release row is published; SQLite: before).
    const live = await restart();
    const lock = await holdLock(t, "audit_log");
    const answer = during(call(live, `/api/releases/${view.id}/publish`, analyst, { snapshotId }));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    expect(await answer).toBeNull();
    const after = await stored(view.id);
    const audited = await auditCount("release.publish", view.id);
    // Whole or absent: published with its audit entry, or still checked with nothing recorded.
    expect({ status: after.status, audited }).toEqual({ status: "checked", audited: 0 });

    const again = await restart();
    const published = await json<ReleaseView>(
      await call(again, `/api/releases/${view.id}/publish`, analyst, { snapshotId }),
      200,
    );
    expect(published.status).toBe("published");
    expect(published.signOffs.map((s) => [s.as, s.snapshotId]).sort()).toEqual([
      ["analyst", snapshotId],
      ["expert", snapshotId],
    ]);
    expect(await auditCount("release.publish", view.id)).toBe(1);
  }, 90_000);
});

describe("a server killed between a review decision and the refresh queue", () => {
  it("keeps the decision queued and a later check counts it", async () => {
    const { view } = await firstCheck();
    expect(northInterviews(view)).toMatchObject({ value: 9 });
    const admin = await t.signIn("admin");
    const detail = await reviewDetail(t, admin, extra.id);

    // The decision is taken; the queue is worked through only when figures are read next.
    let live = await restart();
    const decided = await call(live, `/api/review/responses/${extra.id}/decision`, admin, {
      status: "rejected",
      comment: "No valid consent.",
      seen: seenOf(detail),
    });
    expect(decided.status, await decided.text()).toBe(200);
    await live.kill("SIGKILL");
    const queued = () =>
      t.db
        .selectFrom("indicator_refresh")
        .select("response_id")
        .where("response_id", "=", extra.id)
        .execute();
    expect(await queued()).toHaveLength(1);

    // Killed while the queue is worked through (PostgreSQL: the interview's rows about to be
    // rewritten, the queue's entry taken in the same transaction).
    if (t.dialect === "postgres") {
      live = await restart();
      const lock = await holdLock(t, "indicator_values");
      const answer = during(call(live, `/api/releases/${view.id}/check`, analyst, {}));
      await lock.waitedOn(live);
      await live.kill("SIGKILL");
      await lock.release();
      expect(await answer).toBeNull();
      expect(await queued()).toHaveLength(1);
    }

    live = await restart();
    const again = await json<ReleaseView>(
      await call(live, `/api/releases/${view.id}/check`, analyst, {}),
      200,
    );
    // Not counted: gone from the release's interviews, and north no longer shows its 9 (the change of
    // one person from the snapshot the expert read is withheld, 0076).
    expect((await stored(view.id)).interviews).not.toContain(extra.id);
    expect(northInterviews(again)).not.toMatchObject({ published: true, value: 9 });
    expect(await queued()).toHaveLength(0);
  }, 90_000);
});

describe("a server killed mid-withdrawal", () => {
  it("deletes the participant's answers whole or not at all, and the figures follow the recorded withdrawal", async () => {
    const { view } = await firstCheck();
    const coordinator = await t.signIn("coordinator", "north");
    const body = { participantCode: extra.participantCode, choice: "delete_all" };
    const held = async () => ({
      responses: (
        await t.db
          .selectFrom("responses")
          .select("id")
          .where("participant_code", "=", extra.participantCode)
          .execute()
      ).length,
      values: (
        await t.db
          .selectFrom("indicator_values")
          .select("response_id")
          .where("response_id", "=", extra.id)
          .execute()
      ).length,
      withdrawals: (
        await t.db
          .selectFrom("withdrawals")
          .select("participant_code")
          .where("participant_code", "=", extra.participantCode)
          .execute()
      ).length,
      audited: await auditCount("participant.withdraw", extra.participantCode),
    });
    const before = await held();
    expect(before).toMatchObject({ responses: 1, withdrawals: 0, audited: 0 });
    expect(before.values).toBeGreaterThan(0);

    // PostgreSQL: the answers deleted, the audit entry waiting; SQLite: the first delete waiting.
    let live = await restart();
    const lock = await holdLock(t, "audit_log");
    const answer = during(call(live, "/api/withdrawals", coordinator, body));
    await lock.waitedOn(live);
    await live.kill("SIGKILL");
    await lock.release();
    // SQLite refuses at once (the transaction read first, so it cannot wait for the write lock): 503.
    expect([null, 503]).toContain((await answer)?.status ?? null);
    expect(await held()).toEqual(before);

    live = await restart();
    const recorded = await call(live, "/api/withdrawals", coordinator, body);
    expect(recorded.status, await recorded.text()).toBe(201);
    expect(await held()).toEqual({ responses: 0, values: 0, withdrawals: 1, audited: 1 });
    const again = await json<ReleaseView>(
      await call(live, `/api/releases/${view.id}/check`, analyst, {}),
      200,
    );
    expect((await stored(view.id)).interviews).not.toContain(extra.id);
    expect(northInterviews(again)).not.toMatchObject({ published: true, value: 9 });
  }, 90_000);
});
