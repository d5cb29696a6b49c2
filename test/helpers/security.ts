import type { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import { createSession } from "../../server/auth/sessions.repository.ts";
import type { Config } from "../../server/env.ts";
import type { AppEnv } from "../../server/http/app-env.ts";
import { insertUser, type UserRow } from "../../server/users/users.repository.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { fixturePasswordHash } from "./fixture-password.ts";
import { NOW, TEST_PASSWORD, type TestContext, testConfig } from "./test-app.ts";

/**
 * Helpers for the security tests: a second app over the same database whose clock the test moves (as a
 * second server instance would be), requests from a given client address, and users made directly.
 */
export interface Clock {
  now: Date;
  advance(ms: number): void;
}

export function clockAt(start: Date = NOW): Clock {
  const clock = {
    now: start,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return clock;
}

export const MINUTE = 60_000;

export interface Instance {
  app: Hono<AppEnv>;
  request(
    path: string,
    init?: RequestInit & { cookie?: string; json?: unknown; ip?: string },
  ): Promise<Response>;
}

/** Another server instance on the test's database, with its own clock and configuration. */
export function instance(t: TestContext, clock: Clock, config: Partial<Config> = {}): Instance {
  const app = createApp({
    db: t.db,
    config: { ...testConfig, ...config },
    now: () => clock.now,
    validators: t.validators,
  });
  return {
    app,
    async request(path, init = {}) {
      const { cookie, json, ip, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (cookie) headers.set("cookie", cookie);
      if (json !== undefined) headers.set("content-type", "application/json");
      // The Node adapter hands Hono the socket as `env.incoming`; in-process requests fake it.
      const env = ip ? { incoming: { socket: { remoteAddress: ip } } } : undefined;
      return app.request(
        path,
        { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) },
        env,
      );
    },
  };
}

let hash: Promise<string> | undefined;

/** A user whose password is TEST_PASSWORD, without signing in. */
export async function addUser(
  t: TestContext,
  email: string,
  role: Role = "peer_researcher",
  areaId: string | null = role === "admin" || role === "evaluator" ? null : "north",
): Promise<UserRow> {
  hash ??= fixturePasswordHash(TEST_PASSWORD);
  return insertUser(
    t.db,
    { email, displayName: email.split("@")[0] ?? email, role, areaId, passwordHash: await hash },
    NOW,
  );
}

/** A session cookie made straight in the database: no scrypt, for tests that need many. */
export async function sessionFor(t: TestContext, userId: string, now: Date = NOW): Promise<string> {
  const { token } = await createSession(t.db, userId, now, testConfig.sessionHours);
  return `alongside_session=${token}`;
}

export function cookieFrom(res: Response): string | undefined {
  return res.headers.get("set-cookie")?.split(";")[0];
}

export async function rowCount(
  t: TestContext,
  table: "audit_log" | "sessions" | "login_attempts",
): Promise<number> {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
