import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../../server/db/migrations/index.ts";
import { stopReleaseCheckWorker } from "../../../server/releases/release-check-thread.ts";
import { checkTables, SHOWN_BEFORE } from "../../../server/releases/releases.repository.ts";
import type { ReleaseSnapshot, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { cohort, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, json, publishRelease } from "./helpers.ts";

/**
 * A later check reads what it needs of each earlier release from `release_check_figures` (decision
 * 0068), not from the release's whole snapshot: the snapshot's tables with only the published cells and
 * those withheld as fewer than k. It must check exactly as it did from the snapshot, and a release with
 * no stored row for its snapshot (stored by an instance of the previous release during a rolling
 * restart, or checked before the migration) is read from its snapshot, as before.
 */
let t: TestContext;
let analyst: string;
let expert: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
  analyst = await t.signIn("evaluator", null);
  expert = await t.signIn("expert", "north");
  const admin = await t.signIn("admin");
  await upload(t, admin, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5, 4, 3], { helped: true, housing: "hostel", nights: 2 }),
    ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3], { helped: false, housing: "street", nights: 0 }),
    ...cohort("east", 0, [2, 2, 3, 3], { helped: true, housing: "own", nights: 1 }),
  ]);
});
afterEach(async () => {
  await t.close();
});
afterAll(async () => {
  await stopReleaseCheckWorker();
});

const stored = () => t.db.selectFrom("release_check_figures").selectAll().orderBy("release_id").execute();

/**
 * Checks the release again on the same data, as a draft never shown: a check keeps the snapshot it
 * replaces for later checks to compare with (0076), and here every check must compare with the same
 * earlier release, so that only the way its figures are read differs.
 */
async function checkAgain(id: string) {
  await t.db
    .updateTable("releases")
    .set({ status: "draft", snapshot: null, snapshot_id: null })
    .where("id", "=", id)
    .execute();
  expect(await t.db.selectFrom("releases").select("id").where("status", "=", SHOWN_BEFORE).execute()).toEqual(
    [],
  );
  const checked = await json<ReleaseView>(
    await t.request(`/api/releases/${id}/check`, { method: "POST", cookie: analyst, json: {} }),
    200,
  );
  return { tables: checked.snapshot?.tables, checklist: checked.snapshot?.checklist };
}

describe("an earlier release's figures stored for later checks", () => {
  it("are its snapshot's tables with the cells a later check reads, and check the same as the snapshot", async () => {
    const first = await publishRelease(t, { analyst, expert }, composition({ title: "First" }));
    const snapshot = first.snapshot as ReleaseSnapshot;
    const [row] = await stored();
    expect(row?.release_id).toBe(first.id);
    expect(row?.snapshot_id).toBe(snapshot.id);
    const tables = JSON.parse(row?.tables ?? "[]");
    expect(tables).toEqual(checkTables(snapshot));
    // Published cells and those withheld as below k are kept; other withheld cells are not.
    const kept = tables.flatMap((x: ReleaseSnapshot["tables"][number]) =>
      x.rows.flatMap((r) => Object.values(r.cells)),
    );
    expect(kept.some((c: { published: boolean }) => c.published)).toBe(true);
    expect(kept.some((c: { reason?: string }) => c.reason === "below_k")).toBe(true);
    expect(
      kept.some((c: { published: boolean; reason?: string }) => !c.published && c.reason !== "below_k"),
    ).toBe(false);

    const admin = await t.signIn("admin");
    await upload(
      t,
      admin,
      cohort("west", 0, [5, 4, 4, 3, 2, 1], { helped: false, housing: "own", nights: 3 }),
    );
    const made = await json<ReleaseView>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ title: "Second" }),
      }),
      201,
    );
    const fromStored = await checkAgain(made.id);
    expect(fromStored.checklist?.find((c) => c.rule === "cross_release")?.parameters).toEqual({
      earlierReleases: 1,
    });

    // A stored row of another snapshot is not used; with none, the snapshot is read.
    await t.db
      .updateTable("release_check_figures")
      .set({ snapshot_id: "another", tables: "[]" })
      .where("release_id", "=", first.id)
      .execute();
    expect(await checkAgain(made.id)).toEqual(fromStored);
    await t.db.deleteFrom("release_check_figures").where("release_id", "=", first.id).execute();
    expect(await checkAgain(made.id)).toEqual(fromStored);

    // The migration fills in the rows of releases checked before it, from their snapshots.
    const migration = migrations["2026-12-07-11-release-check-figures"];
    await migration?.down?.(t.db);
    await migration?.up(t.db);
    const filled = await stored();
    expect(filled.map((r) => r.release_id).sort()).toEqual([first.id, made.id].sort());
    expect(JSON.parse(filled.find((r) => r.release_id === first.id)?.tables ?? "")).toEqual(
      checkTables(snapshot),
    );
    expect(await checkAgain(made.id)).toEqual(fromStored);
  }, 120_000);
});
