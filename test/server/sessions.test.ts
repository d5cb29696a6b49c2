import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDLE_MINUTES } from "../../server/auth/sessions.repository.ts";
import {
  addUser,
  type Clock,
  clockAt,
  cookieFrom,
  type Instance,
  instance,
  MINUTE,
  rowCount,
  sessionFor,
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

const me = (cookie: string, via: Instance = server) => via.request("/api/auth/me", { cookie });

async function signIn(email: string, cookie?: string): Promise<string> {
  const res = await server.request("/api/auth/login", {
    method: "POST",
    json: { email, password: TEST_PASSWORD },
    ...(cookie ? { cookie } : {}),
  });
  expect(res.status).toBe(200);
  const fresh = cookieFrom(res);
  if (!fresh) throw new Error("no cookie");
  return fresh;
}

describe("session expiry", () => {
  it("ends a session left unused for the idle time, and keeps one in use alive", async () => {
    await addUser(t, "busy@example.org");
    await addUser(t, "idle@example.org");
    const busy = await signIn("busy@example.org");
    const idle = await signIn("idle@example.org");
    for (let step = 0; step < 4; step += 1) {
      clock.advance((DEFAULT_IDLE_MINUTES / 2) * MINUTE);
      expect((await me(busy)).status).toBe(200);
    }
    expect((await me(idle)).status).toBe(401);
  });

  it("reads the idle time from the configuration", async () => {
    await addUser(t, "sam@example.org");
    const cookie = await signIn("sam@example.org");
    const strict = instance(t, clock, { sessionIdleMinutes: 5 });
    clock.advance(4 * MINUTE);
    expect((await me(cookie, strict)).status).toBe(200);
    clock.advance(5 * MINUTE + 1000);
    expect((await me(cookie, strict)).status).toBe(401);
  });

  it("ends a session at its absolute expiry however busy it is", async () => {
    await addUser(t, "sam@example.org");
    const cookie = await signIn("sam@example.org");
    const res = await server.request("/api/auth/login", {
      method: "POST",
      json: { email: "sam@example.org", password: TEST_PASSWORD },
    });
    expect(res.headers.get("set-cookie")).toMatch(/Expires=/);
    for (let hour = 0; hour < 11; hour += 1) {
      clock.advance(60 * MINUTE);
      expect((await me(cookie)).status).toBe(200);
    }
    clock.advance(60 * MINUTE);
    expect((await me(cookie)).status).toBe(401);
  });

  it("sweeps away expired and idle sessions whenever someone signs in", async () => {
    const sam = await addUser(t, "sam@example.org");
    await sessionFor(t, sam.id, clock.now);
    clock.advance((DEFAULT_IDLE_MINUTES + 1) * MINUTE);
    const fresh = await sessionFor(t, sam.id, clock.now);
    await signIn("sam@example.org");
    expect(await rowCount(t, "sessions")).toBe(2);
    expect((await me(fresh)).status).toBe(200);
  });

  it("writes the last use at most once a minute", async () => {
    const user = await addUser(t, "sam@example.org");
    const cookie = await sessionFor(t, user.id, clock.now);
    const lastSeen = async () =>
      (await t.db.selectFrom("sessions").select("last_seen_at").executeTakeFirstOrThrow()).last_seen_at;
    const first = await lastSeen();
    clock.advance(30_000);
    await me(cookie);
    expect(await lastSeen()).toBe(first);
    clock.advance(31_000);
    await me(cookie);
    expect(await lastSeen()).toBe(clock.now.toISOString());
  });
});

describe("session rotation", () => {
  it("replaces a session cookie presented at sign-in, so a planted or old token stops working", async () => {
    await addUser(t, "sam@example.org");
    const before = await signIn("sam@example.org");
    const after = await signIn("sam@example.org", before);
    expect(after).not.toBe(before);
    expect((await me(before)).status).toBe(401);
    expect((await me(after)).status).toBe(200);
    expect(await rowCount(t, "sessions")).toBe(1);
  });

  it("does not let one person's sign-in keep another's session on the same browser", async () => {
    await addUser(t, "first@example.org");
    await addUser(t, "second@example.org");
    const first = await signIn("first@example.org");
    const second = await signIn("second@example.org", first);
    expect((await me(first)).status).toBe(401);
    expect(await (await me(second)).json()).toMatchObject({ email: "second@example.org" });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the account, clears the cookie and is audited", async () => {
    const sam = await addUser(t, "sam@example.org");
    await addUser(t, "kim@example.org");
    const tablet = await signIn("sam@example.org");
    const laptop = await signIn("sam@example.org");
    const kim = await signIn("kim@example.org");
    const res = await server.request("/api/auth/logout-all", {
      method: "POST",
      cookie: laptop,
      headers: { "user-agent": "Laptop" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/alongside_session=;/);
    expect((await me(tablet)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(kim)).status).toBe(200);
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.logout_all")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: sam.id, user_agent: "Laptop" });
    expect(JSON.parse(entry.detail)).toEqual({ sessions: 2 });
  });

  it("needs a session, and ignores a body or a forged cookie", async () => {
    expect((await server.request("/api/auth/logout-all", { method: "POST" })).status).toBe(401);
    const forged = await server.request("/api/auth/logout-all", {
      method: "POST",
      cookie: `alongside_session=${"x".repeat(43)}`,
      json: { everyone: true, userId: "someone-else" },
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: "not_signed_in" });
    const cross = await server.request("/api/auth/logout-all", {
      method: "POST",
      headers: { origin: "https://evil.example", host: "localhost" },
      cookie: await sessionFor(t, (await addUser(t, "sam@example.org")).id),
    });
    expect(cross.status).toBe(403);
    expect(await rowCount(t, "sessions")).toBe(1);
  });
});
