import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../../shared/contract/problems.ts";
import type {
  PublishedRelease,
  ReleaseAnnotation,
  ReleasesResponse,
  ReleaseView,
} from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, numbersIn } from "../outcomes/helpers.ts";
import { cell, composition, fourAreasFieldwork, json, publishRelease } from "./helpers.ts";

let t: TestContext;
let analyst: string;
let expert: string;
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst, expert } = await fourAreasFieldwork(t, [
    // Three interviews that leave "say" unanswered: "not answered" in north is 3 (< k).
    interview({ area: "north" }, { helped: true, housing: "hostel", nights: 1 }),
    interview({ area: "north" }, { helped: true, housing: "hostel", nights: 1 }),
    interview({ area: "north" }, { helped: true, housing: "hostel", nights: 1 }),
  ]));
});
afterEach(async () => {
  await t.close();
});

describe("composing, checking, signing off and publishing a release", () => {
  it("goes from draft to published with both sign-offs, and is then frozen", async () => {
    const made = await json<ReleaseView>(
      await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
      201,
    );
    expect(made).toMatchObject({ status: "draft", snapshot: null });
    expect(made.blockers.length).toBeGreaterThan(0);

    const checked = await json<ReleaseView>(
      await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
      200,
    );
    expect(checked.status).toBe("checked");
    const snapshot = checked.snapshot;
    if (!snapshot) throw new Error("no snapshot");
    expect(snapshot.k).toBe(5);
    expect(snapshot.dataAsOf).toBe("2026-11-20T10:30:00.000Z");
    expect(snapshot.checklist.map((c) => c.rule)).toEqual([
      "primary",
      "secondary",
      "cross_release",
      "differences",
      "dominance",
      "minimum_areas",
      "rounding",
    ]);
    // "Not answered" for say in north is 3: withheld with no number, and so is something that would give it back.
    expect(cell(checked, "outcomes-check/say:area", "north", "not_answered")).toEqual({
      published: false,
      reason: "below_k",
    });
    const secondary = snapshot.checklist.find((c) => c.rule === "secondary");
    expect(secondary?.withheld.length).toBeGreaterThan(0);
    expect(checked.participantSummary?.text).toContain("Thank you");
    expect(checked.participantSummary?.readingEase).toBeGreaterThan(0);

    // The expert reads the checked release before signing off as a reader does (0071): that a figure
    // is withheld, never why, and only how many are withheld in all.
    const experts = await json<ReleaseView>(
      await t.request(`/api/releases/${made.id}`, { cookie: expert }),
      200,
    );
    expect(experts.snapshot?.id).toBe(snapshot.id);
    expect(cell(experts, "outcomes-check/say:area", "north", "not_answered")).toEqual({ published: false });
    expect(experts.snapshot?.checklist.every((c) => c.withheld.length === 0)).toBe(true);
    expect(experts.snapshot?.withheldCount).toBe(
      snapshot.checklist.reduce((n, c) => n + c.withheld.length, 0),
    );

    // The expert edits the summary and annotates a chart.
    const summary = await json<{ text: string; editedBy: { id: string } | null }>(
      await t.request(`/api/releases/${made.id}/participant-summary`, {
        method: "PUT",
        cookie: expert,
        json: { text: "Thank you. Most people felt heard. We will keep asking you." },
      }),
      200,
    );
    expect(summary.editedBy).not.toBeNull();
    const note = await json<ReleaseAnnotation>(
      await t.request(`/api/releases/${made.id}/annotations`, {
        method: "POST",
        cookie: expert,
        json: {
          tableId: "outcomes-check/say:area",
          whatItMeans: "Most feel heard.",
          whatShouldChange: "Ask north why not.",
        },
      }),
      201,
    );
    expect(note.by.name).toBeTruthy();

    // Publishing without sign-off is refused, and nothing is published.
    const early = await json<Problem>(
      await t.request(`/api/releases/${made.id}/publish`, {
        method: "POST",
        cookie: analyst,
        json: { snapshotId: snapshot.id },
      }),
      409,
    );
    expect(early.code).toBe("release_not_signed_off");
    const coordinator = await t.signIn("coordinator", "north");
    expect(
      (await json<ReleasesResponse>(await t.request("/api/releases", { cookie: coordinator }), 200)).releases,
    ).toEqual([]);

    // The analyst signs; the same analyst cannot sign again, nor can a second analyst.
    await json(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie: analyst,
        json: { snapshotId: snapshot.id, note: "Checked." },
      }),
      201,
    );
    const twice = await json<Problem>(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie: analyst,
        json: { snapshotId: snapshot.id, note: "" },
      }),
      409,
    );
    expect(twice.code).toBe("release_already_signed");
    const otherAnalyst = await t.signIn("admin");
    expect(
      (
        await json<Problem>(
          await t.request(`/api/releases/${made.id}/signoffs`, {
            method: "POST",
            cookie: otherAnalyst,
            json: { snapshotId: snapshot.id, note: "" },
          }),
          409,
        )
      ).code,
    ).toBe("release_already_signed");
    // A sign-off on other figures is refused.
    expect(
      (
        await json<Problem>(
          await t.request(`/api/releases/${made.id}/signoffs`, {
            method: "POST",
            cookie: expert,
            json: { snapshotId: "somethingelse", note: "" },
          }),
          409,
        )
      ).code,
    ).toBe("release_snapshot_changed");
    await json(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie: expert,
        json: { snapshotId: snapshot.id, note: "Agreed." },
      }),
      201,
    );

    const published = await json<ReleaseView>(
      await t.request(`/api/releases/${made.id}/publish`, {
        method: "POST",
        cookie: analyst,
        json: { snapshotId: snapshot.id },
      }),
      200,
    );
    expect(published.status).toBe("published");
    expect(published.publicLink?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Frozen: no edit, no check, no sign-off, no note, no summary, no second publish.
    const attempts: [string, string, unknown, string][] = [
      ["PUT", `/api/releases/${made.id}`, composition(), analyst],
      ["POST", `/api/releases/${made.id}/check`, {}, analyst],
      ["POST", `/api/releases/${made.id}/publish`, { snapshotId: snapshot.id }, analyst],
      [
        "POST",
        `/api/releases/${made.id}/annotations`,
        { tableId: "participation", whatItMeans: "x", whatShouldChange: "" },
        expert,
      ],
      ["PUT", `/api/releases/${made.id}/participant-summary`, { text: "Changed after." }, expert],
    ];
    for (const [method, path, body, cookie] of attempts) {
      const p = await json<Problem>(await t.request(path, { method, cookie, json: body }), 409);
      expect(p.code).toBe("release_published");
    }

    // The public link reads it without sign-in; withheld cells carry no number.
    const token = published.publicLink?.token ?? "";
    const pub = await json<PublishedRelease>(await t.request(`/api/public/releases/${token}`), 200);
    expect(pub.snapshot.id).toBe(snapshot.id);
    expect(pub.annotations).toHaveLength(1);
    expect(pub.participantSummary?.text).toContain("Most people felt heard");
    for (const table of pub.snapshot.tables)
      for (const row of table.rows)
        for (const c of Object.values(row.cells)) if (!c.published) expect(numbersIn(c)).toEqual([]);
    expect(JSON.stringify(pub)).not.toContain("publicLink");
    // Nobody is named to the public: being named as an expert by experience says something about them.
    // The programme's own people, signed in, see who signed it off and who wrote each note.
    expect(published.signOffs.map((s) => s.by.name).filter(Boolean)).toHaveLength(2);
    expect(published.annotations[0]?.by.name).toBeTruthy();
    expect(published.participantSummary?.editedBy?.name).toBeTruthy();
    expect(pub.signOffs.map((s) => [s.as, s.by]).sort()).toEqual([
      ["analyst", null],
      ["expert", null],
    ]);
    expect(pub.annotations.map((a) => a.by)).toEqual([null]);
    expect(pub.participantSummary?.editedBy).toBeNull();
    const people = await t.db.selectFrom("users").select(["id", "display_name", "email"]).execute();
    const publicText = JSON.stringify(pub);
    for (const person of people) {
      for (const said of [person.id, person.display_name, person.email]) {
        expect(publicText, "the public link names someone").not.toContain(said);
      }
    }

    // Every read and action is in the audit log.
    const actions = (
      await t.db.selectFrom("audit_log").select("action").where("target", "=", made.id).execute()
    ).map((r) => r.action);
    for (const a of [
      "release.compose",
      "release.check",
      "release.signoff",
      "release.annotate",
      "release.summary",
      "release.publish",
      "release.public_read",
    ])
      expect(actions).toContain(a);
  });

  it("answers a clear problem for an outcome the survey does not measure, an empty release and a bad correction", async () => {
    const missing = await json<Problem>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ outcomes: ["outcome-nothing-here"] }),
      }),
      422,
    );
    expect(missing.code).toBe("release_reference_missing");
    const empty = await json<Problem>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ outcomes: [] }),
      }),
      400,
    );
    expect(empty.code).toBe("invalid_body");
    const badCorrection = await json<Problem>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ corrects: "no-such-release" }),
      }),
      422,
    );
    expect(badCorrection.code).toBe("release_correction_invalid");
    expect(await t.db.selectFrom("releases").select("id").execute()).toEqual([]);
  });

  it("refuses to check a release whose survey has no counted interviews", async () => {
    await t.db.deleteFrom("indicator_values").execute();
    const made = await json<ReleaseView>(
      await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
      201,
    );
    const p = await json<Problem>(
      await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
      422,
    );
    expect(p.code).toBe("release_empty");
  });

  it("refuses to check a release whose outcome's question has gone from the survey", async () => {
    const made = await json<ReleaseView>(
      await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
      201,
    );
    // The outcome loses its questions: every published version's fields untagged.
    const versions = await t.db
      .selectFrom("survey_versions")
      .select(["survey_id", "version", "fields"])
      .execute();
    for (const v of versions) {
      const fields = (JSON.parse(v.fields) as { outcome?: string }[]).map(({ outcome: _o, ...f }) => f);
      await t.db
        .updateTable("survey_versions")
        .set({ fields: JSON.stringify(fields) })
        .where("survey_id", "=", v.survey_id)
        .where("version", "=", v.version)
        .execute();
    }
    const p = await json<Problem>(
      await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
      422,
    );
    expect(p.code).toBe("release_reference_missing");
    expect((await t.db.selectFrom("releases").select("status").executeTakeFirst())?.status).toBe("draft");
  });

  it("shows each audience only published releases meant for it, and never drafts", async () => {
    const areaOnly = await publishRelease(
      t,
      { analyst, expert },
      composition({ audiences: ["area_partnership"], title: "For areas" }),
    );
    const draft = await json<ReleaseView>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ title: "Draft" }),
      }),
      201,
    );
    const coordinator = await t.signIn("coordinator", "north");
    const researcher = await t.signIn("peer_researcher", "north");
    const list = async (cookie: string) =>
      (await json<ReleasesResponse>(await t.request("/api/releases", { cookie }), 200)).releases.map(
        (r) => r.title,
      );
    expect(await list(coordinator)).toEqual(["For areas"]);
    expect(await list(researcher)).toEqual([]);
    expect(await list(expert)).toEqual([]);
    expect((await list(analyst)).sort()).toEqual(["Draft", "For areas"]);
    for (const cookie of [researcher, expert, coordinator]) {
      const p = await json<Problem>(await t.request(`/api/releases/${draft.id}`, { cookie }), 404);
      expect(p.code).toBe("release_not_found");
    }
    expect((await t.request(`/api/releases/${areaOnly.id}`, { cookie: researcher })).status).toBe(404);
    const seen = await json<ReleaseView>(
      await t.request(`/api/releases/${areaOnly.id}`, { cookie: coordinator }),
      200,
    );
    expect(seen.publicLink).toBeNull();
    // Not public: no token, and a guessed token finds nothing.
    expect(areaOnly.publicLink).toBeNull();
    expect((await t.request(`/api/public/releases/${"A".repeat(43)}`)).status).toBe(404);
    expect((await t.request("/api/public/releases/short")).status).toBe(404);
  });

  it("publishes a correction that names the release it corrects", async () => {
    const first = await publishRelease(t, { analyst, expert }, composition());
    const second = await publishRelease(
      t,
      { analyst, expert },
      composition({ title: "Corrected", corrects: first.id }),
    );
    expect(second.corrects).toEqual({ id: first.id, title: first.title });
    expect(second.snapshot?.checkedAgainst.map((e) => e.id)).toEqual([first.id]);
    const firstNow = await json<ReleaseView>(
      await t.request(`/api/releases/${first.id}`, { cookie: analyst }),
      200,
    );
    expect(firstNow.correctedBy).toEqual({ id: second.id, title: "Corrected" });
    expect(firstNow.snapshot).toEqual(first.snapshot);
  });
});
