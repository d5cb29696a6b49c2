import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: "sam@example.org",
  displayName: "Sam",
  role: "peer_researcher",
  areaId: "north",
  password: TEST_PASSWORD,
  ...overrides,
});

describe("areas", () => {
  it("shows a scoped user only their own area and an unscoped user all", async () => {
    const researcher = await t.signIn("peer_researcher", "south");
    const own = (await (await t.request("/api/areas", { cookie: researcher })).json()) as {
      areas: { id: string }[];
    };
    expect(own.areas.map((a) => a.id)).toEqual(["south"]);
    const admin = await t.signIn("admin");
    const all = (await (await t.request("/api/areas", { cookie: admin })).json()) as {
      areas: { id: string }[];
    };
    expect(all.areas.map((a) => a.id).sort()).toEqual(["north", "south"]);
  });

  it("names the area's safeguarding lead to its researchers, unless the lead's account is disabled", async () => {
    const researcher = await t.signIn("peer_researcher", "south");
    const lead = await t.db
      .insertInto("users")
      .values({
        id: "lead-south",
        email: "lead@south.example",
        display_name: "Priya Shah",
        role: "coordinator",
        area_id: "south",
        password_hash: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const leadOf = async () =>
      (
        (await (await t.request("/api/areas", { cookie: researcher })).json()) as {
          areas: { safeguardingLead: string | null }[];
        }
      ).areas.map((a) => a.safeguardingLead);
    expect(await leadOf()).toEqual([null]);
    await t.db
      .updateTable("areas")
      .set({ safeguarding_lead_id: lead.id })
      .where("id", "=", "south")
      .execute();
    expect(await leadOf()).toEqual(["Priya Shah"]);
    await t.db.updateTable("users").set({ disabled: 1 }).where("id", "=", lead.id).execute();
    expect(await leadOf()).toEqual([null]);
  });

  it("lets an admin create an area once, and nobody else", async () => {
    const admin = await t.signIn("admin");
    const area = { id: "east", name: "Eastfield", region: "East" };
    expect((await t.request("/api/areas", { method: "POST", cookie: admin, json: area })).status).toBe(201);
    const again = await t.request("/api/areas", { method: "POST", cookie: admin, json: area });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "area_exists" });
    const coordinator = await t.signIn("coordinator");
    const denied = await t.request("/api/areas", {
      method: "POST",
      cookie: coordinator,
      json: { ...area, id: "west" },
    });
    expect(denied.status).toBe(403);
    const bad = await t.request("/api/areas", {
      method: "POST",
      cookie: admin,
      json: { id: "Bad Id!", name: "", region: 3 },
    });
    expect(bad.status).toBe(400);
  });
});

describe("users", () => {
  it("has one way to add a person, an invitation: no route takes a password someone else chose", async () => {
    for (const role of ["admin", "coordinator"] as const) {
      const cookie = await t.signIn(role, role === "coordinator" ? "north" : null);
      const res = await t.request("/api/users", { method: "POST", cookie, json: newUser() });
      expect(res.status, role).toBe(404);
      expect(
        await t.db.selectFrom("users").select("id").where("email", "=", "sam@example.org").execute(),
      ).toEqual([]);
    }
  });

  it("lists only the coordinator's own area's accounts", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    await t.signIn("peer_researcher", "south");
    const res = await t.request("/api/users", { cookie: coordinator });
    const body = (await res.json()) as { users: { areaId: string | null }[] };
    expect(body.users.length).toBeGreaterThan(0);
    expect(body.users.every((u) => u.areaId === "north")).toBe(true);
  });

  it("is closed to researchers, evaluators and experts", async () => {
    for (const role of ["peer_researcher", "evaluator", "expert"] as const) {
      const cookie = await t.signIn(role);
      expect((await t.request("/api/users", { cookie })).status).toBe(403);
    }
  });
});
