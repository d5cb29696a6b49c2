import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findRelease, storeSnapshot } from "../../../server/releases/releases.repository.ts";
import type { ReleaseSnapshot, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { composeAndCheck, composition, fourAreasFieldwork, json } from "./helpers.ts";

/**
 * A check compares with every snapshot of the survey that readers could see (decision 0076). Two
 * server instances (PostgreSQL behind a load balancer) can check two releases of one survey at the
 * same time: each reads the earlier snapshots before the other has stored its own, so neither is
 * compared with the other, and an expert reading both could difference them. The store therefore
 * refuses a snapshot when a snapshot it was not compared with became readable during the check. The
 * race is played here by storing a snapshot the way the second instance would, with the list of
 * earlier snapshots its check read before the first instance's was stored.
 */

let t: TestContext;
let analyst: string;
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst } = await fourAreasFieldwork(t));
});
afterEach(async () => {
  await t.close();
});

async function draft(title: string): Promise<ReleaseView> {
  return json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition({ title }) }),
    201,
  );
}

describe("two checks of one survey's releases at the same time", () => {
  it("refuses the snapshot that was not compared with the other", async () => {
    const second = await draft("Second instance's release");
    // The first instance's check finishes and stores its snapshot...
    const first = await composeAndCheck(t, analyst, composition({ title: "First instance's release" }));
    const snapshot = first.snapshot as ReleaseSnapshot;
    const at = "2026-12-08T10:00:00.000Z";
    const summary = { text: "", readingEase: 100, readingEaseLabel: "", editedBy: null, updatedAt: at };
    // ... while the second instance's check had read the earlier snapshots before it: none.
    const late = { id: second.id, surveyId: composition().surveyId, comparedWith: [] };
    expect(await storeSnapshot(t.db, late, { ...snapshot, id: "late" }, summary, [], at)).toBe("overtaken");
    const untouched = await findRelease(t.db, second.id);
    expect(untouched).toMatchObject({ status: "draft", snapshot_id: null });
    const members = await t.db
      .selectFrom("release_interviews")
      .select("response_id")
      .where("release_id", "=", second.id)
      .execute();
    expect(members).toEqual([]);

    // Compared with the first release, the same snapshot is stored.
    const compared = { ...late, comparedWith: [first.id] };
    expect(await storeSnapshot(t.db, compared, { ...snapshot, id: "compared" }, summary, [], at)).toBe(
      "stored",
    );
    expect(await findRelease(t.db, second.id)).toMatchObject({ status: "checked", snapshot_id: "compared" });
  });

  it("stores one of two snapshots stored at the same moment, not both", async () => {
    // A snapshot to store, taken from a release that is then put back to draft (no longer readable).
    const source = await composeAndCheck(t, analyst, composition({ title: "Source" }));
    await t.db
      .updateTable("releases")
      .set({ status: "draft", snapshot_id: null, snapshot: null })
      .where("id", "=", source.id)
      .execute();
    const snapshot = source.snapshot as ReleaseSnapshot;
    const at = "2026-12-08T10:00:00.000Z";
    const summary = { text: "", readingEase: 100, readingEaseLabel: "", editedBy: null, updatedAt: at };
    const one = await draft("One");
    const two = await draft("Two");
    // Both checks read no earlier snapshot; both instances store at once (two connections on
    // PostgreSQL). Without turns, each store sees nothing of the other and both are kept.
    const surveyId = composition().surveyId;
    const results = await Promise.all(
      [one, two].map((r) =>
        storeSnapshot(
          t.db,
          { id: r.id, surveyId, comparedWith: [] },
          { ...snapshot, id: r.id },
          summary,
          [],
          at,
        ),
      ),
    );
    expect([...results].sort()).toEqual(["overtaken", "stored"]);
  });
});
