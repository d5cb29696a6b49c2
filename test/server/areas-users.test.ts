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
  it("lets an admin create any account, which can then sign in", async () => {
    const admin = await t.signIn("admin");
    const res = await t.request("/api/users", { method: "POST", cookie: admin, json: newUser() });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ email: "sam@example.org", role: "peer_researcher", disabled: false });
    expect(created).not.toHaveProperty("password");
    expect(created).not.toHaveProperty("passwordHash");
    const login = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "sam@example.org", password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
  });

  it("lets a coordinator create researchers and experts in their own area only", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    const ok = await t.request("/api/users", { method: "POST", cookie: coordinator, json: newUser() });
    expect(ok.status).toBe(201);
    const otherArea = await t.request("/api/users", {
      method: "POST",
      cookie: coordinator,
      json: newUser({ email: "b@example.org", areaId: "south" }),
    });
    expect(otherArea.status).toBe(403);
    expect(await otherArea.json()).toMatchObject({ code: "forbidden_area" });
    const admin = await t.request("/api/users", {
      method: "POST",
      cookie: coordinator,
      json: newUser({ email: "c@example.org", role: "admin", areaId: null }),
    });
    expect(admin.status).toBe(403);
    expect(await admin.json()).toMatchObject({ code: "forbidden_role" });
  });

  it("lists only the coordinator's own area's accounts", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    await t.signIn("peer_researcher", "south");
    const res = await t.request("/api/users", { cookie: coordinator });
    const body = (await res.json()) as { users: { areaId: string | null }[] };
    expect(body.users.length).toBeGreaterThan(0);
    expect(body.users.every((u) => u.areaId === "north")).toBe(true);
  });

  it("refuses duplicates, a researcher without an area, an unknown area and short passwords", async () => {
    const admin = await t.signIn("admin");
    await t.request("/api/users", { method: "POST", cookie: admin, json: newUser() });
    const cases = [
      [newUser({ email: "SAM@example.org" }), 409, "email_taken"],
      [newUser({ email: "x@example.org", areaId: null }), 400, "area_required"],
      [newUser({ email: "y@example.org", areaId: "atlantis" }), 404, "area_not_found"],
      [newUser({ email: "z@example.org", password: "short" }), 400, "invalid_body"],
      [newUser({ email: "w@example.org", role: "superuser" }), 400, "invalid_body"],
    ] as const;
    for (const [json, status, code] of cases) {
      const res = await t.request("/api/users", { method: "POST", cookie: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(await res.json()).toMatchObject({ code });
    }
  });

  it("is closed to researchers, evaluators and experts", async () => {
    for (const role of ["peer_researcher", "evaluator", "expert"] as const) {
      const cookie = await t.signIn(role);
      expect((await t.request("/api/users", { cookie })).status).toBe(403);
      expect((await t.request("/api/users", { method: "POST", cookie, json: newUser() })).status).toBe(403);
    }
  });
});
