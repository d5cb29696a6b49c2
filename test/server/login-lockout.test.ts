import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertLoginAttempt } from "../../server/auth/login-attempts.repository.ts";
import { LOGIN_LIMITS } from "../../server/auth/login-throttle.ts";
import {
  addUser,
  type Clock,
  clockAt,
  cookieFrom,
  type Instance,
  instance,
  MINUTE,
} from "../helpers/security.ts";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
let clock: Clock;
let server: Instance;

beforeEach(async () => {
  t = await createTestContext();
  clock = clockAt();
  server = instance(t, clock);
});
afterEach(async () => {
  await t.close();
});

const EMAIL = "sam@example.org";
const login = (password: string, options: { email?: string; ip?: string; via?: Instance } = {}) =>
  (options.via ?? server).request("/api/auth/login", {
    method: "POST",
    json: { email: options.email ?? EMAIL, password },
    ...(options.ip ? { ip: options.ip } : {}),
  });

async function failTimes(n: number, options: { email?: string; ip?: string } = {}): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const res = await login(`wrong password ${i}`, options);
    expect(res.status).toBe(401);
  }
}

/** Failures from other emails at one address, written straight to the table as earlier requests would. */
async function seedAddressFailures(ip: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await insertLoginAttempt(t.db, {
      id: randomUUID(),
      at: clock.now.toISOString(),
      email: `guess${i}@example.org`,
      ip,
    });
  }
}

async function auditReasons(): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select(["action", "detail"])
    .where("action", "in", ["auth.login_failed", "auth.lockout"])
    .orderBy("at")
    .execute();
  return rows.map((row) =>
    row.action === "auth.lockout" ? "lockout" : (JSON.parse(row.detail) as { reason: string }).reason,
  );
}

describe("sign-in lockout", () => {
  it("pauses an email after five failures with a clear message and Retry-After, even for the right password", async () => {
    await addUser(t, EMAIL);
    await failTimes(LOGIN_LIMITS.perEmail);
    clock.advance(2 * MINUTE);
    const locked = await login(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("set-cookie")).toBeNull();
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBe(13 * 60);
    const problem = (await locked.json()) as { code: string; title: string; detail: string };
    expect(problem.code).toBe("too_many_attempts");
    expect(problem.detail).toContain("Try again in 13 minutes");
    expect((await auditReasons()).sort()).toEqual([
      ...Array(LOGIN_LIMITS.perEmail).fill("bad_credentials"),
      "locked_email",
      "lockout",
    ]);
  });

  it("lets the person back in once the oldest failures leave the 15-minute window", async () => {
    await addUser(t, EMAIL);
    await failTimes(1);
    clock.advance(5 * MINUTE);
    await failTimes(LOGIN_LIMITS.perEmail - 1);
    clock.advance(9 * MINUTE);
    const stillLocked = await login(TEST_PASSWORD);
    expect(stillLocked.status).toBe(429);
    expect(Number(stillLocked.headers.get("retry-after"))).toBe(60);
    // Attempts refused while paused do not extend the pause.
    for (let i = 0; i < 3; i += 1) expect((await login("guessing again")).status).toBe(429);
    clock.advance(MINUTE + 1000);
    expect((await login(TEST_PASSWORD)).status).toBe(200);
  });

  it("clears the count on a successful sign-in", async () => {
    await addUser(t, EMAIL);
    await failTimes(LOGIN_LIMITS.perEmail - 1);
    expect((await login(TEST_PASSWORD)).status).toBe(200);
    await failTimes(LOGIN_LIMITS.perEmail - 1);
    expect((await login(TEST_PASSWORD)).status).toBe(200);
  });

  it("answers an unknown email exactly as a known one, so lockout reveals no accounts", async () => {
    await addUser(t, EMAIL);
    await failTimes(LOGIN_LIMITS.perEmail);
    await failTimes(LOGIN_LIMITS.perEmail, { email: "nobody@example.org" });
    const known = await login("x", {});
    const unknown = await login("x", { email: "nobody@example.org" });
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(await known.json()).toEqual(await unknown.json());
  });

  it("does not let a locked-out email stop others from signing in", async () => {
    await addUser(t, EMAIL);
    await addUser(t, "other@example.org");
    await failTimes(LOGIN_LIMITS.perEmail);
    expect((await login(TEST_PASSWORD, { email: "other@example.org" })).status).toBe(200);
  });

  it("keeps the count in the database, so every server instance enforces it", async () => {
    await addUser(t, EMAIL);
    const second = instance(t, clock);
    await failTimes(3);
    for (let i = 0; i < 2; i += 1) expect((await login("wrong", { via: second })).status).toBe(401);
    expect((await login(TEST_PASSWORD, { via: second })).status).toBe(429);
    expect((await login(TEST_PASSWORD)).status).toBe(429);
  });

  it("counts a burst of parallel guesses as it arrives, so no more than five are checked", async () => {
    await addUser(t, EMAIL);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`parallel guess ${i}`)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.perEmail);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - LOGIN_LIMITS.perEmail);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it("pauses an address that tries many emails, and says it is the network", async () => {
    const ip = "203.0.113.7";
    await seedAddressFailures(ip, LOGIN_LIMITS.perAddress - 1);
    expect((await login("wrong", { email: "last-guess@example.org", ip })).status).toBe(401);
    await addUser(t, EMAIL);
    const fromThere = await login(TEST_PASSWORD, { ip });
    expect(fromThere.status).toBe(429);
    expect(((await fromThere.json()) as { detail: string }).detail).toContain("this network");
    expect((await login(TEST_PASSWORD, { ip: "198.51.100.1" })).status).toBe(200);
  });

  it("takes the address from X-Forwarded-For only when told a proxy is in front", async () => {
    const direct = instance(t, clock);
    const proxied = instance(t, clock, { trustProxy: true });
    const spoof = { "x-forwarded-for": "192.0.2.99" };
    await seedAddressFailures("203.0.113.50", LOGIN_LIMITS.perAddress - 1);
    const res = await proxied.request("/api/auth/login", {
      method: "POST",
      json: { email: "last-guess@example.org", password: "wrong" },
      headers: { "x-forwarded-for": "10.9.9.9, 203.0.113.50" },
      ip: "10.0.0.1",
    });
    expect(res.status).toBe(401);
    await addUser(t, EMAIL);
    const viaProxy = await proxied.request("/api/auth/login", {
      method: "POST",
      json: { email: EMAIL, password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "203.0.113.50" },
      ip: "10.0.0.1",
    });
    expect(viaProxy.status).toBe(429);
    // Without TRUST_PROXY a forged header changes nothing: the socket's address counts.
    const forged = await direct.request("/api/auth/login", {
      method: "POST",
      json: { email: EMAIL, password: TEST_PASSWORD },
      headers: spoof,
      ip: "198.51.100.2",
    });
    expect(forged.status).toBe(200);
    const lastLogin = await t.db
      .selectFrom("audit_log")
      .select(["ip", "user_agent"])
      .where("action", "=", "auth.login")
      .executeTakeFirstOrThrow();
    expect(lastLogin.ip).toBe("198.51.100.2");
  });

  it("records the address and browser of each sign-in and failure", async () => {
    await addUser(t, EMAIL);
    await server.request("/api/auth/login", {
      method: "POST",
      json: { email: EMAIL, password: "wrong" },
      headers: { "user-agent": "Tablet/1.0" },
      ip: "192.0.2.10",
    });
    const ok = await server.request("/api/auth/login", {
      method: "POST",
      json: { email: EMAIL, password: TEST_PASSWORD },
      headers: { "user-agent": "Tablet/1.0" },
      ip: "192.0.2.10",
    });
    expect(cookieFrom(ok)).toBeTruthy();
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["action", "ip", "user_agent", "target"])
      .orderBy("at")
      .execute();
    expect(rows).toEqual([
      { action: "auth.login_failed", ip: "192.0.2.10", user_agent: "Tablet/1.0", target: EMAIL },
      { action: "auth.login", ip: "192.0.2.10", user_agent: "Tablet/1.0", target: null },
    ]);
  });

  it("refuses hostile login bodies before counting or checking anything", async () => {
    const bodies = [
      JSON.stringify({ email: `${"a".repeat(300)}@example.org`, password: "x" }),
      JSON.stringify({ email: EMAIL, password: "x".repeat(2000) }),
      JSON.stringify({ email: EMAIL, password: ["array"] }),
      JSON.stringify({ email: { $ne: null }, password: "x" }),
      JSON.stringify({ email: "a@b.org' OR '1'='1", password: "x" }),
      `{"email":"${EMAIL}","password":"x","__proto__":{"admin":true}}`,
      `{"email":"${EMAIL}","password":"x"`,
      "null",
    ];
    for (const body of bodies) {
      const res = await server.request("/api/auth/login", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      expect(res.status, body).toBe(400);
    }
    const attempts = await t.db.selectFrom("login_attempts").selectAll().execute();
    expect(attempts).toEqual([]);
    expect(await auditReasons()).toEqual([]);
  });
});
