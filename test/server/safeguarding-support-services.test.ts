import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const services = [
  { name: "Northtown Crisis Line", phone: "0800 000 0000", hours: "24 hours" },
  { name: "Day centre", address: "1 High Street", notes: "Drop in, no appointment" },
];

describe("GET /api/areas/:id/support-services", () => {
  it("gives a researcher their area's support services for the distress protocol", async () => {
    await t.db
      .updateTable("areas")
      .set({ support_services: JSON.stringify(services) })
      .where("id", "=", "north")
      .execute();
    const res = await t.request("/api/areas/north/support-services", {
      cookie: await t.signIn("peer_researcher", "north"),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ areaId: "north", areaName: "Northtown", services });
  });

  it("starts as an empty list and leaves out an entry that is not a service", async () => {
    const cookie = await t.signIn("coordinator", "north");
    expect(await (await t.request("/api/areas/north/support-services", { cookie })).json()).toMatchObject({
      services: [],
    });
    await t.db
      .updateTable("areas")
      .set({ support_services: JSON.stringify([services[0], { phone: "no name" }, "text"]) })
      .where("id", "=", "north")
      .execute();
    const body = (await (await t.request("/api/areas/north/support-services", { cookie })).json()) as {
      services: unknown[];
    };
    expect(body.services).toEqual([services[0]]);
  });

  it("refuses other areas, unknown areas, evaluators and people who are not signed in", async () => {
    const researcher = await t.signIn("peer_researcher", "north");
    expect((await t.request("/api/areas/south/support-services", { cookie: researcher })).status).toBe(403);
    const admin = await t.signIn("admin");
    expect((await t.request("/api/areas/nowhere/support-services", { cookie: admin })).status).toBe(404);
    expect(
      (await t.request(`/api/areas/${"x".repeat(500)}/support-services`, { cookie: admin })).status,
    ).toBe(404);
    expect(
      (await t.request("/api/areas/north/support-services", { cookie: await t.signIn("evaluator") })).status,
    ).toBe(403);
    expect((await t.request("/api/areas/north/support-services")).status).toBe(401);
  });
});
