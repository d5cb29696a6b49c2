import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResetLink } from "../../shared/contract/auth.ts";
import { okJson, type Person, person, problemCode } from "../helpers/coordination.ts";
import { addUser, clockAt, cookieFrom, instance, MINUTE, sessionFor } from "../helpers/security.ts";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

// Issue 14, "what the probe could not test": a password change for a signed-in person, and a
// "forgot password" path through a coordinator or an administrator (no email service).

const NEW_PASSWORD = "a long and unusual passphrase";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const login = (email: string, password: string) =>
  t.request("/api/auth/login", { method: "POST", json: { email, password } });
const change = (cookie: string, body: unknown) =>
  t.request("/api/auth/password", { method: "POST", cookie, json: body });
const resetLink = (cookie: string, userId: string) =>
  t.request(`/api/users/${encodeURIComponent(userId)}/reset-link`, { method: "POST", cookie });
const useLink = (link: ResetLink, password = NEW_PASSWORD) =>
  t.request("/api/auth/setup", {
    method: "POST",
    json: { token: link.setupPath.split("#token=")[1], password },
  });

async function actions(): Promise<
  { action: string; actor_id: string | null; target: string | null; detail: string }[]
> {
  return t.db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "target", "detail"])
    .orderBy("at")
    .execute();
}

async function sessionCount(userId: string): Promise<number> {
  return (await t.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;
}

describe("changing your own password", () => {
  it("needs the current password, keeps this session, ends the others and is audited", async () => {
    const sam = await addUser(t, "sam@example.org");
    const here = cookieFrom(await login("sam@example.org", TEST_PASSWORD)) ?? "";
    const tablet = await sessionFor(t, sam.id);
    const res = await change(here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect((await t.request("/api/auth/me", { cookie: here })).status).toBe(200);
    expect((await t.request("/api/auth/me", { cookie: tablet })).status).toBe(401);
    expect(await sessionCount(sam.id)).toBe(1);
    expect((await login("sam@example.org", TEST_PASSWORD)).status).toBe(401);
    expect((await login("sam@example.org", NEW_PASSWORD)).status).toBe(200);
    const row = (await actions()).find((a) => a.action === "auth.password_change");
    expect(row?.actor_id).toBe(sam.id);
    expect(JSON.parse(row?.detail ?? "{}")).toEqual({ sessionsEnded: 1, linksRetired: 0 });
  });

  it("refuses a wrong current password, changes nothing, and counts it toward the lockout", async () => {
    const sam = await person(t, "peer_researcher");
    for (let i = 0; i < 5; i += 1) {
      expect(
        await problemCode(
          change(sam.cookie, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD }),
          400,
        ),
      ).toBe("wrong_current_password");
    }
    // The sixth try is paused like a sign-in would be, even with the right password.
    const paused = await change(sam.cookie, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(await problemCode(paused, 429)).toBe("too_many_attempts");
    const failures = (await actions()).filter((a) => a.action === "auth.password_change_failed");
    expect(failures).toHaveLength(5);
    expect((await actions()).some((a) => a.action === "auth.password_change")).toBe(false);
  });

  it("refuses a weak new password with the reason, and keeps the old one", async () => {
    const sam = await addUser(t, "sam@example.org");
    const cookie = await sessionFor(t, sam.id);
    const res = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: "sam@example.org1" });
    expect(await problemCode(res, 400)).toBe("weak_password");
    expect((await login("sam@example.org", TEST_PASSWORD)).status).toBe(200);
  });

  it("answers malformed, oversized and hostile bodies with a problem, never a 5xx", async () => {
    const sam = await person(t, "expert", null);
    const bodies: [unknown, number][] = [
      [{}, 400],
      [{ currentPassword: TEST_PASSWORD }, 400],
      [{ currentPassword: TEST_PASSWORD, newPassword: "short" }, 400],
      [{ currentPassword: TEST_PASSWORD, newPassword: "x".repeat(1025) }, 400],
      [{ currentPassword: 12, newPassword: NEW_PASSWORD }, 400],
      [{ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, role: "admin" }, 400],
      [{ currentPassword: "' OR 1=1 --", newPassword: NEW_PASSWORD }, 400],
      [[TEST_PASSWORD, NEW_PASSWORD], 400],
      [null, 400],
    ];
    for (const [body, status] of bodies) {
      const res = await change(sam.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    const huge = await change(sam.cookie, { currentPassword: "x".repeat(70_000), newPassword: NEW_PASSWORD });
    expect(await problemCode(huge, 413)).toBe("body_too_large");
    const notJson = await t.request("/api/auth/password", {
      method: "POST",
      cookie: sam.cookie,
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(await problemCode(notJson, 400)).toBe("malformed_json");
  });

  it("needs a session, and refuses a request from another site", async () => {
    expect(
      await problemCode(change("", { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }), 401),
    ).toBe("not_signed_in");
    const sam = await person(t, "evaluator", null);
    const res = await t.request("/api/auth/password", {
      method: "POST",
      cookie: sam.cookie,
      headers: { origin: "https://evil.example" },
      json: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(await problemCode(res, 403)).toBe("cross_site_request");
  });
});

describe("a password reset link from an administrator or coordinator", () => {
  let admin: Person;
  beforeEach(async () => {
    admin = await person(t, "admin");
  });

  it("is shown once, works once for an hour, sets a new password, ends every session and is audited", async () => {
    const sam = await addUser(t, "sam@example.org");
    const tablet = await sessionFor(t, sam.id);
    const link = await okJson<ResetLink>(resetLink(admin.cookie, sam.id), 201);
    expect(link.setupPath).toMatch(/^\/reset-password#token=[A-Za-z0-9_-]{40,}$/);
    expect(link.expiresAt).toBe("2026-11-26T11:00:00.000Z");
    // Making the link changes nothing yet: the person may still remember their password.
    expect((await t.request("/api/auth/me", { cookie: tablet })).status).toBe(200);

    const used = await useLink(link);
    expect(used.status).toBe(200);
    const fresh = cookieFrom(used);
    expect(fresh).toBeDefined();
    expect((await t.request("/api/auth/me", { cookie: tablet })).status).toBe(401);
    expect((await t.request("/api/auth/me", { cookie: fresh ?? "" })).status).toBe(200);
    expect(await sessionCount(sam.id)).toBe(1);
    expect((await login("sam@example.org", TEST_PASSWORD)).status).toBe(401);
    expect((await login("sam@example.org", NEW_PASSWORD)).status).toBe(200);
    expect(await problemCode(useLink(link, "another long passphrase"), 400)).toBe("setup_token_invalid");

    const rows = await actions();
    const issued = rows.find((r) => r.action === "user.reset_link");
    expect(issued).toMatchObject({ actor_id: expect.any(String), target: sam.id });
    expect(JSON.parse(issued?.detail ?? "{}")).toMatchObject({ email: "sam@example.org", linksRetired: 0 });
    const reset = rows.find((r) => r.action === "auth.password_reset");
    expect(reset?.actor_id).toBe(sam.id);
    expect(JSON.parse(reset?.detail ?? "{}")).toEqual({ sessionsEnded: 1 });
    expect(JSON.stringify(rows)).not.toContain(link.setupPath.split("#token=")[1]);
  });

  it("retires the older link when a new one is made", async () => {
    const sam = await addUser(t, "sam@example.org");
    const first = await okJson<ResetLink>(resetLink(admin.cookie, sam.id), 201);
    const second = await okJson<ResetLink>(resetLink(admin.cookie, sam.id), 201);
    expect(await problemCode(useLink(first), 400)).toBe("setup_token_invalid");
    expect((await useLink(second)).status).toBe(200);
  });

  it("stops working after an hour", async () => {
    const sam = await addUser(t, "sam@example.org");
    const link = await okJson<ResetLink>(resetLink(admin.cookie, sam.id), 201);
    const clock = clockAt();
    clock.advance(61 * MINUTE);
    const later = instance(t, clock);
    const res = await later.request("/api/auth/setup", {
      method: "POST",
      json: { token: link.setupPath.split("#token=")[1], password: NEW_PASSWORD },
    });
    expect(await problemCode(res, 400)).toBe("setup_token_invalid");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("is not made for a disabled account, nor for your own (change it instead)", async () => {
    const sam = await addUser(t, "sam@example.org");
    await t.request(`/api/users/${sam.id}/disable`, { method: "POST", cookie: admin.cookie });
    expect(await problemCode(resetLink(admin.cookie, sam.id), 409)).toBe("reset_not_allowed");
    expect(await problemCode(resetLink(admin.cookie, admin.id), 409)).toBe("cannot_change_own_account");
  });

  it("lets a coordinator make one only for researchers and experts of their own area", async () => {
    const coordinator = await person(t, "coordinator", "north");
    const researcher = await addUser(t, "r@example.org", "peer_researcher", "north");
    const expert = await addUser(t, "e@example.org", "expert", "north");
    const elsewhere = await addUser(t, "s@example.org", "peer_researcher", "south");
    const nationalExpert = await addUser(t, "n@example.org", "expert", null);
    const fellow = await addUser(t, "c@example.org", "coordinator", "north");
    const evaluator = await addUser(t, "v@example.org", "evaluator", "north");
    const anAdmin = await addUser(t, "a@example.org", "admin", null);
    expect((await resetLink(coordinator.cookie, researcher.id)).status).toBe(201);
    expect((await resetLink(coordinator.cookie, expert.id)).status).toBe(201);
    // Accounts with no area (a national expert, an admin) are outside every coordinator's area.
    for (const other of [elsewhere, nationalExpert, anAdmin]) {
      expect(await problemCode(resetLink(coordinator.cookie, other.id), 404)).toBe("user_not_found");
    }
    for (const other of [fellow, evaluator]) {
      expect(await problemCode(resetLink(coordinator.cookie, other.id), 403)).toBe("forbidden_role");
    }
    const made = (await actions()).filter((r) => r.action === "user.reset_link").map((r) => r.target);
    expect(made.sort()).toEqual([expert.id, researcher.id].sort());
  });

  it("is refused to researchers, evaluators and experts, and without a session", async () => {
    const sam = await addUser(t, "sam@example.org");
    for (const role of ["peer_researcher", "evaluator", "expert"] as const) {
      const someone = await person(t, role, role === "peer_researcher" ? "north" : null);
      expect(await problemCode(resetLink(someone.cookie, sam.id), 403), role).toBe("forbidden_role");
    }
    expect(await problemCode(resetLink("", sam.id), 401)).toBe("not_signed_in");
    expect((await actions()).some((r) => r.action === "user.reset_link")).toBe(false);
  });

  it("refuses an oversized body before doing anything", async () => {
    const sam = await addUser(t, "sam@example.org");
    const res = await t.request(`/api/users/${sam.id}/reset-link`, {
      method: "POST",
      cookie: admin.cookie,
      json: { padding: "x".repeat(70_000) },
    });
    expect(await problemCode(res, 413)).toBe("body_too_large");
    expect((await actions()).some((r) => r.action === "user.reset_link")).toBe(false);
  });

  it("answers hostile ids as not found", async () => {
    for (const id of ["x".repeat(500), "' OR '1'='1", "../../auth/me", "%00"]) {
      const res = await resetLink(admin.cookie, id);
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
    }
  });
});
