import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResponseCountsResponse } from "../../shared/contract/stats.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  const admin = await t.signIn("admin");
  const items = [
    syncItem({ areaId: "north", wave: 0 }),
    syncItem({ areaId: "north", wave: 0 }),
    syncItem({ areaId: "north", wave: 1, data: { consent: true } }),
    syncItem({ areaId: "south", wave: 0 }),
  ];
  const res = await t.request("/api/sync", { method: "POST", cookie: admin, json: { items } });
  expect(res.status).toBe(200);
});
afterEach(async () => {
  await t.close();
});

async function counts(cookie: string) {
  const res = await t.request("/api/stats/response-counts", { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as ResponseCountsResponse).counts;
}

describe("response counts", () => {
  it("counts responses per survey, area and wave, with those needing review", async () => {
    const evaluator = await t.signIn("evaluator");
    expect(await counts(evaluator)).toEqual([
      expect.objectContaining({ areaId: "north", wave: 0, responses: 2, needsReview: 0 }),
      expect.objectContaining({ areaId: "north", wave: 1, responses: 1, needsReview: 1 }),
      expect.objectContaining({ areaId: "south", wave: 0, responses: 1, needsReview: 0 }),
    ]);
  });

  it("shows an area-scoped user only their own area", async () => {
    const evaluator = await t.signIn("evaluator", "south");
    expect((await counts(evaluator)).map((c) => c.areaId)).toEqual(["south"]);
  });

  it("is closed to peer researchers and experts", async () => {
    for (const role of ["peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role);
      const res = await t.request("/api/stats/response-counts", { cookie });
      expect(res.status).toBe(403);
    }
  });
});
