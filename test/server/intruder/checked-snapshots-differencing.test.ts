import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, upload } from "../outcomes/helpers.ts";
import { composition, fourAreasFieldwork, json } from "../releases/helpers.ts";

/**
 * An expert reads a release's figures when it is checked, before anyone signs it off. Checked again
 * after one more interview arrived, its figures differed from the first ones by that one person: north's
 * total nights went from 16 to 25 (the new person slept out 9 nights) and its average "say" moved with
 * them. The check compared a release only with published ones (found by the outside probe, December
 * 2026). Every snapshot readers were shown is now an earlier release for later checks of the survey.
 */

let t: TestContext;
let analyst: string;
let expert: string;
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst, expert } = await fourAreasFieldwork(t));
});
afterEach(async () => {
  await t.close();
});

/** Every published cell an expert reads, by table, row and column. */
async function asTheExpertReadsIt(id: string): Promise<Map<string, unknown>> {
  const view = await json<ReleaseView>(await t.request(`/api/releases/${id}`, { cookie: expert }), 200);
  const cells = new Map<string, unknown>();
  for (const table of view.snapshot?.tables ?? [])
    for (const row of table.rows)
      for (const [column, cell] of Object.entries(row.cells))
        if (cell.published) cells.set(`${table.id} | ${row.key} | ${column}`, cell.value);
  return cells;
}

const check = async (id: string) =>
  json<ReleaseView>(
    await t.request(`/api/releases/${id}/check`, { method: "POST", cookie: analyst, json: {} }),
    200,
  );

describe("a release checked again after one more interview", () => {
  it("shows the expert no figure that changed by that one person", async () => {
    const made = await json<ReleaseView>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ breakdowns: ["overall", "area"] }),
      }),
      201,
    );
    await check(made.id);
    const before = await asTheExpertReadsIt(made.id);
    await upload(t, await t.signIn("admin"), [
      interview({ area: "north" }, { say: 1, helped: false, housing: "street", nights: 9 }),
    ]);
    await check(made.id);
    const after = await asTheExpertReadsIt(made.id);

    const north = [...after.keys()].filter((key) => key.includes("| north"));
    expect(north.length, "north's figures are read at all").toBeGreaterThan(0);
    const changed = north
      .filter((key) => before.has(key) && before.get(key) !== after.get(key))
      .map((key) => `${key}: ${String(before.get(key))} then ${String(after.get(key))}`);
    expect(changed).toEqual([]);

    // Changed back to a draft and checked again: the figures shown first are still compared with.
    const body = composition({ breakdowns: ["overall", "area"], title: "Checked a third time" });
    await json(
      await t.request(`/api/releases/${made.id}`, { method: "PUT", cookie: analyst, json: body }),
      200,
    );
    await upload(t, await t.signIn("admin"), [
      interview({ area: "north" }, { say: 5, helped: true, housing: "own", nights: 0 }),
    ]);
    await check(made.id);
    const third = await asTheExpertReadsIt(made.id);
    for (const earlier of [before, after]) {
      const again = north
        .filter((key) => earlier.has(key) && third.has(key) && earlier.get(key) !== third.get(key))
        .map((key) => `${key}: ${String(earlier.get(key))} then ${String(third.get(key))}`);
      expect(again).toEqual([]);
    }

    // The shown snapshots are kept for checks only: no one lists or opens them as releases.
    const list = await json<{ releases: { id: string }[] }>(
      await t.request("/api/releases", { cookie: analyst }),
      200,
    );
    expect(list.releases.map((r) => r.id)).toEqual([made.id]);
  });
});
