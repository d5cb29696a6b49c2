import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { firstAdminSetupLink } from "../../server/auth/bootstrap-admin.ts";
import { addUser, rowCount, sessionFor } from "../helpers/security.ts";
import { createTestContext, NOW, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
let admin: string;
beforeEach(async () => {
  t = await createTestContext();
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

const disable = (id: string, cookie = admin) =>
  t.request(`/api/users/${id}/disable`, { method: "POST", cookie });
const enable = (id: string, cookie = admin) =>
  t.request(`/api/users/${id}/enable`, { method: "POST", cookie });
const login = (email: string) =>
  t.request("/api/auth/login", { method: "POST", json: { email, password: TEST_PASSWORD } });

async function actions(): Promise<string[]> {
  const rows = await t.db.selectFrom("audit_log").select("action").orderBy("at").execute();
  return rows.map((row) => row.action);
}

describe("disabling an account", () => {
  it("ends all the account's sessions at once and refuses sign-in until it is enabled again", async () => {
    const sam = await addUser(t, "sam@example.org");
    const tablet = await sessionFor(t, sam.id);
    const laptop = await sessionFor(t, sam.id);
    const res = await disable(sam.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: sam.id, disabled: true });
    for (const cookie of [tablet, laptop]) {
      expect((await t.request("/api/auth/me", { cookie })).status).toBe(401);
    }
    const sessions = await t.db
      .selectFrom("sessions")
      .select("user_id")
      .where("user_id", "=", sam.id)
      .execute();
    expect(sessions).toEqual([]);
    expect((await login("sam@example.org")).status).toBe(403);

    const back = await enable(sam.id);
    expect(await back.json()).toMatchObject({ disabled: false });
    expect((await login("sam@example.org")).status).toBe(200);
    const listed = (await (await t.request("/api/users", { cookie: admin })).json()) as {
      users: { id: string; disabled: boolean }[];
    };
    expect(listed.users.find((u) => u.id === sam.id)?.disabled).toBe(false);
  });

  it("audits who disabled whom and how many sessions ended, once per change", async () => {
    const sam = await addUser(t, "sam@example.org");
    await sessionFor(t, sam.id);
    await disable(sam.id);
    await disable(sam.id);
    await enable(sam.id);
    const rows = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "in", ["user.disable", "user.enable"])
      .orderBy("action", "desc")
      .execute();
    expect(rows.map((r) => [r.action, r.target, JSON.parse(r.detail)])).toEqual([
      ["user.enable", sam.id, { email: "sam@example.org" }],
      [
        "user.disable",
        sam.id,
        {
          email: "sam@example.org",
          sessionsEnded: 1,
          linksRetired: 0,
          devicesRevoked: 0,
          enrolmentCodesRetired: 0,
        },
      ],
    ]);
    expect(rows.every((r) => r.actor_id !== null)).toBe(true);
  });

  it("will not let an admin disable their own account", async () => {
    const me = (await (await t.request("/api/auth/me", { cookie: admin })).json()) as { id: string };
    const res = await disable(me.id);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "cannot_change_own_account" });
    expect((await t.request("/api/auth/me", { cookie: admin })).status).toBe(200);
  });

  it("is for admins only, and refuses unknown and hostile ids without writing", async () => {
    const sam = await addUser(t, "sam@example.org");
    for (const role of ["coordinator", "peer_researcher", "evaluator", "expert"] as const) {
      const cookie = await t.signIn(role);
      const res = await disable(sam.id, cookie);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden_role" });
    }
    expect((await t.request(`/api/users/${sam.id}/disable`, { method: "POST" })).status).toBe(401);
    const before = await rowCount(t, "audit_log");
    for (const id of [
      "00000000-0000-4000-8000-000000000000",
      encodeURIComponent("' OR '1'='1"),
      "x".repeat(5000),
      encodeURIComponent("../../auth/logout"),
      "%00",
    ]) {
      const res = await disable(id);
      expect([404, 400]).toContain(res.status);
    }
    expect(await rowCount(t, "audit_log")).toBe(before);
    const row = await t.db
      .selectFrom("users")
      .select("disabled")
      .where("id", "=", sam.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.disabled)).toBe(0);
  });

  it("refuses a disable from another site", async () => {
    const sam = await addUser(t, "sam@example.org");
    const res = await t.request(`/api/users/${sam.id}/disable`, {
      method: "POST",
      cookie: admin,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "cross_site_request" });
  });
});

describe("changing a role", () => {
  const setRole = (id: string, json: unknown, cookie = admin) =>
    t.request(`/api/users/${id}/role`, { method: "PUT", cookie, json });

  it("moves an account to another role and area, effective on its next request, and audits from and to", async () => {
    const sam = await addUser(t, "sam@example.org", "peer_researcher", "north");
    const session = await sessionFor(t, sam.id);
    const res = await setRole(sam.id, { role: "coordinator", areaId: "south" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "coordinator", areaId: "south" });
    expect(await (await t.request("/api/auth/me", { cookie: session })).json()).toMatchObject({
      role: "coordinator",
      areaId: "south",
    });
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.role_change")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail)).toEqual({
      email: "sam@example.org",
      from: { role: "peer_researcher", areaId: "north" },
      to: { role: "coordinator", areaId: "south" },
    });
  });

  it("refuses a bad role, a missing or unknown area, the admin's own account and non-admins", async () => {
    const sam = await addUser(t, "sam@example.org");
    const me = (await (await t.request("/api/auth/me", { cookie: admin })).json()) as { id: string };
    const coordinator = await t.signIn("coordinator");
    const cases = [
      [sam.id, { role: "superuser", areaId: null }, admin, 400, "invalid_body"],
      [sam.id, { role: "coordinator", areaId: null }, admin, 400, "area_required"],
      [sam.id, { role: "coordinator", areaId: "atlantis" }, admin, 404, "area_not_found"],
      [sam.id, { role: "admin", areaId: null, extra: 1 }, admin, 400, "invalid_body"],
      [sam.id, [], admin, 400, "invalid_body"],
      [me.id, { role: "evaluator", areaId: null }, admin, 409, "cannot_change_own_account"],
      ["no-such-user", { role: "evaluator", areaId: null }, admin, 404, "user_not_found"],
      [sam.id, { role: "admin", areaId: null }, coordinator, 403, "forbidden_role"],
    ] as const;
    for (const [id, json, cookie, status, code] of cases) {
      const res = await setRole(id, json, cookie);
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(await res.json()).toMatchObject({ code });
    }
    expect(await actions()).not.toContain("user.role_change");
  });
});

describe("password rules", () => {
  /** A person invited by the admin, and the token of their one-time link. */
  const invited = async (email: string) => {
    const res = await t.request("/api/invitations", {
      method: "POST",
      cookie: admin,
      json: { email, displayName: "New", role: "peer_researcher", areaId: "north" },
    });
    expect(res.status).toBe(201);
    const { setupPath } = (await res.json()) as { setupPath: string };
    return setupPath.split("#token=")[1];
  };

  it("refuses common passwords and the person's own email when an invited person sets one", async () => {
    const tokens = new Map<string, string | undefined>();
    for (const [password, email] of [
      ["password1234", "a@example.org"],
      ["P@ssw0rd2026!", "b@example.org"],
      ["qwertyuiop12", "c@example.org"],
      ["123456789012", "d@example.org"],
      ["aaaaaaaaaaaaaaaa", "e@example.org"],
      ["longname@example.org", "longname@example.org"],
      ["LONGNAME@example.org", "longname@example.org"],
    ] as const) {
      // A refused password leaves the link usable, so one invitation serves both tries for an email.
      const token = tokens.get(email) ?? (await invited(email));
      tokens.set(email, token);
      const res = await t.request("/api/auth/setup", { method: "POST", json: { token, password } });
      expect(res.status, password).toBe(400);
      const problem = (await res.json()) as { code: string; issues: { path: string[] }[] };
      expect(problem.code).toBe("weak_password");
      expect(problem.issues[0]?.path).toEqual(["password"]);
    }
    const token = await invited("fine@example.org");
    const ok = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token, password: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
  });

  it("refuses a weak first-admin password without using up the setup link", async () => {
    const fresh = await createTestContext();
    try {
      const link = await firstAdminSetupLink(fresh.db, "http://localhost:3000", NOW);
      const token = link?.split("#token=")[1];
      expect(token).toBeTruthy();
      for (const password of ["admin@alongside.local", "letmein123456", "alongside2026!"]) {
        const res = await fresh.request("/api/auth/setup", { method: "POST", json: { token, password } });
        expect(res.status, password).toBe(400);
        expect(await res.json()).toMatchObject({ code: "weak_password" });
      }
      const res = await fresh.request("/api/auth/setup", {
        method: "POST",
        json: { token, password: TEST_PASSWORD },
      });
      expect(res.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
