import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { firstAdminSetupLink } from "../../server/auth/bootstrap-admin.ts";
import { createTestContext, NOW, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

function sessionCookie(res: Response): string {
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error("no cookie");
  return cookie;
}

describe("signing in and out", () => {
  it("signs in with the right password, sets a strict HttpOnly cookie, and says who is signed in", async () => {
    const cookie = await t.signIn("coordinator", "south");
    const me = await t.request("/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: "coordinator", areaId: "south" });

    const login = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "COORDINATOR1@example.org", password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const header = sessionCookie(login);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
  });

  it("refuses a wrong password and an unknown email with the same answer, and audits both", async () => {
    await t.signIn("evaluator");
    const wrong = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "evaluator1@example.org", password: "not the password" },
    });
    const unknown = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "nobody@example.org", password: "not the password" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const failures = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.login_failed")
      .execute();
    expect(failures).toHaveLength(2);
  });

  it("refuses a disabled account, telling only someone with the right password why", async () => {
    const cookie = await t.signIn("expert");
    await t.db.updateTable("users").set({ disabled: 1 }).execute();
    expect((await t.request("/api/auth/me", { cookie })).status).toBe(401);
    const login = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "expert1@example.org", password: TEST_PASSWORD },
    });
    expect(login.status).toBe(403);
    expect(await login.json()).toMatchObject({ code: "account_disabled" });
    expect(login.headers.get("set-cookie")).toBeNull();
    const wrong = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "expert1@example.org", password: "not the password" },
    });
    expect(await wrong.json()).toMatchObject({ code: "bad_credentials" });
  });

  it("ends the session on logout", async () => {
    const cookie = await t.signIn("evaluator");
    const out = await t.request("/api/auth/logout", { method: "POST", cookie });
    expect(out.status).toBe(204);
    const me = await t.request("/api/auth/me", { cookie });
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ code: "not_signed_in" });
  });

  it("does not accept an expired session", async () => {
    const cookie = await t.signIn("evaluator");
    await t.db.updateTable("sessions").set({ expires_at: "2026-11-26T09:59:59.000Z" }).execute();
    expect((await t.request("/api/auth/me", { cookie })).status).toBe(401);
  });

  it("ignores a forged or absurdly long session cookie", async () => {
    for (const cookie of ["alongside_session=forged", `alongside_session=${"a".repeat(5000)}`]) {
      expect((await t.request("/api/auth/me", { cookie })).status).toBe(401);
    }
  });

  it("stores only a hash of the session token", async () => {
    const cookie = await t.signIn("evaluator");
    const token = cookie.split("=")[1];
    const rows = await t.db.selectFrom("sessions").select("id").execute();
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it("refuses a login body of the wrong shape", async () => {
    for (const json of [
      {},
      { email: "a@b.org" },
      { email: "not an email", password: "x" },
      { email: 1, password: 2 },
    ]) {
      const res = await t.request("/api/auth/login", { method: "POST", json });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_body" });
    }
  });
});

describe("first administrator setup", () => {
  it("prints a one-time link that sets the first admin's password and signs them in", async () => {
    const link = await firstAdminSetupLink(t.db, "http://localhost:3000", NOW);
    const token = link?.split("#token=")[1];
    expect(token).toBeTruthy();

    const weak = await t.request("/api/auth/setup", { method: "POST", json: { token, password: "short" } });
    expect(weak.status).toBe(400);

    const res = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "admin", email: "admin@alongside.local" });
    const me = await t.request("/api/auth/me", { cookie: sessionCookie(res).split(";")[0] });
    expect(me.status).toBe(200);

    const reuse = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token, password: TEST_PASSWORD },
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ code: "setup_token_invalid" });
    expect(await firstAdminSetupLink(t.db, "http://localhost:3000", NOW)).toBeNull();
  });

  it("refuses an expired setup link", async () => {
    const link = await firstAdminSetupLink(t.db, "http://localhost:3000", new Date("2026-11-20T00:00:00Z"));
    const token = link?.split("#token=")[1];
    const res = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "setup_token_invalid" });
  });
});
