import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../../shared/contract/problems.ts";
import type { ReleasesResponse, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview } from "../outcomes/helpers.ts";
import { composition, fourAreasFieldwork, json, publishRelease } from "./helpers.ts";

/**
 * A release covers every area. An evaluator limited to one area (their data-sharing agreement covers
 * that area's interviews) reads published releases as a reader does, and never a draft, a checked
 * release before publishing, or the analyst's copy that says why each figure is withheld: those would
 * tell them about other areas' people.
 */
let t: TestContext;
let analyst: string;
let expert: string;
let northEvaluator: string;
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst, expert } = await fourAreasFieldwork(t, [
    interview({ area: "south" }, { helped: true, housing: "hostel", nights: 1 }),
    interview({ area: "south" }, { helped: true, housing: "hostel", nights: 1 }),
  ]));
  northEvaluator = await t.signIn("evaluator", "north");
});
afterEach(async () => {
  await t.close();
});

async function refused(res: Response, status: number, code: string): Promise<void> {
  const problem = await json<Problem>(res, status);
  expect(problem.code).toBe(code);
}

describe("an evaluator limited to one area, and releases", () => {
  it("cannot compose a release: it would show every area's figures", async () => {
    const res = await t.request("/api/releases", {
      method: "POST",
      cookie: northEvaluator,
      json: composition(),
    });
    await refused(res, 403, "forbidden_area");
    expect(await t.db.selectFrom("releases").select("id").execute()).toEqual([]);
  });

  it("does not see another analyst's draft or checked release, nor check, change, sign off or publish it", async () => {
    const made = await json<ReleaseView>(
      await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
      201,
    );
    const list = await json<ReleasesResponse>(
      await t.request("/api/releases", { cookie: northEvaluator }),
      200,
    );
    expect(list.releases).toEqual([]);
    await refused(
      await t.request(`/api/releases/${made.id}`, { cookie: northEvaluator }),
      404,
      "release_not_found",
    );
    const check = await t.request(`/api/releases/${made.id}/check`, {
      method: "POST",
      cookie: northEvaluator,
      json: {},
    });
    await refused(check, 403, "forbidden_area");

    const checked = await json<ReleaseView>(
      await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
      200,
    );
    const snapshotId = checked.snapshot?.id ?? "";
    await refused(
      await t.request(`/api/releases/${made.id}`, { cookie: northEvaluator }),
      404,
      "release_not_found",
    );
    const signOff = await t.request(`/api/releases/${made.id}/signoffs`, {
      method: "POST",
      cookie: northEvaluator,
      json: { snapshotId, note: "" },
    });
    await refused(signOff, 404, "release_not_found");
    const update = await t.request(`/api/releases/${made.id}`, {
      method: "PUT",
      cookie: northEvaluator,
      json: composition({ title: "Changed" }),
    });
    await refused(update, 403, "forbidden_area");
    const publish = await t.request(`/api/releases/${made.id}/publish`, {
      method: "POST",
      cookie: northEvaluator,
      json: { snapshotId },
    });
    await refused(publish, 403, "forbidden_area");
    expect(await t.db.selectFrom("release_signoffs").select("user_id").execute()).toEqual([]);
  });

  it("reads a published release as a reader: no reason on a withheld figure, no figure named in the checklist", async () => {
    const published = await publishRelease(t, { analyst, expert }, composition());
    const analystsCopy = published.snapshot;
    if (!analystsCopy) throw new Error("no snapshot");
    const withheldByReason = analystsCopy.checklist.reduce((n, item) => n + item.withheld.length, 0);
    expect(withheldByReason).toBeGreaterThan(0);

    const list = await json<ReleasesResponse>(
      await t.request("/api/releases", { cookie: northEvaluator }),
      200,
    );
    expect(list.releases.map((r) => r.id)).toEqual([published.id]);
    const read = await json<ReleaseView>(
      await t.request(`/api/releases/${published.id}`, { cookie: northEvaluator }),
      200,
    );
    const snapshot = read.snapshot;
    if (!snapshot) throw new Error("no snapshot");
    expect(snapshot.checklist.every((item) => item.withheld.length === 0)).toBe(true);
    expect(snapshot.withheldCount).toBe(withheldByReason);
    for (const table of snapshot.tables)
      for (const row of table.rows)
        for (const cell of Object.values(row.cells))
          if (!cell.published) expect(cell).toEqual({ published: false });
    expect(read.publicLink).toBeNull();
    // The whole-study analyst still has every reason.
    const whole = await json<ReleaseView>(
      await t.request(`/api/releases/${published.id}`, { cookie: analyst }),
      200,
    );
    expect(whole.snapshot?.checklist.some((item) => item.withheld.length > 0)).toBe(true);
  });
});
