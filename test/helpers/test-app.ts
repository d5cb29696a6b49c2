import type { Hono } from "hono";
import type { Kysely } from "kysely";
import { createApp } from "../../server/app.ts";
import type { Dialect } from "../../server/db/connect.ts";
import type { Database } from "../../server/db/schema.ts";
import type { Config } from "../../server/env.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import type { AppEnv } from "../../server/http/app-env.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { databaseTemplate, testDialect } from "./dialect.ts";
import { fixturePasswordHash } from "./fixture-password.ts";
import { NOW, openTestDatabase } from "./test-database.ts";

export { NOW, readFixtureSurvey, TEST_SURVEY_ID } from "./test-database.ts";

export const TEST_PASSWORD = "correct horse battery staple";

export const testConfig: Config = {
  port: 0,
  host: "127.0.0.1",
  dataDir: "unused",
  databaseUrl: undefined,
  publicUrl: "http://localhost",
  secureCookies: false,
  sessionHours: 12,
  logRequests: false,
};

// scrypt is deliberately slow: the shared test password is hashed once per worker, at a fixture's cost
// (fixture-password.ts); signing in still goes through the real route and the real check.
let passwordHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  passwordHash ??= fixturePasswordHash(TEST_PASSWORD);
  return passwordHash;
}

export interface TestContext {
  app: Hono<AppEnv>;
  db: Kysely<Database>;
  /** The database this run uses: every integration test runs on SQLite, and on PostgreSQL when configured. */
  dialect: Dialect;
  /** The database file when the dialect is SQLite (to copy it, or open it beside the app). */
  sqliteFile: string | undefined;
  /** The database's URL when the dialect is PostgreSQL (to run a server process over it). */
  databaseUrl: string | undefined;
  validators: ValidatorCache;
  /** Creates a user and returns the cookie of a signed-in session. */
  signIn(role: Role, areaId?: string | null): Promise<string>;
  request(path: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A fresh migrated database of the run's dialect (see `dialect.ts`) with two areas and the fixture
 * survey published as version 1.
 */
export async function createTestContext(): Promise<TestContext> {
  const dialect = testDialect();
  const template = databaseTemplate();
  if (dialect !== (template?.dialect ?? "sqlite")) {
    throw new Error(
      `The ${dialect} test project has no ${dialect} template database (global setup missing).`,
    );
  }
  const database = await openTestDatabase(template);
  const db = database.handle.db;
  const validators = new ValidatorCache();
  const app = createApp({ db, config: testConfig, now: () => NOW, validators });
  let users = 0;

  const request: TestContext["request"] = (path, init = {}) => {
    const { cookie, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (cookie) headers.set("cookie", cookie);
    if (json !== undefined) headers.set("content-type", "application/json");
    return Promise.resolve(
      app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }),
    );
  };

  return {
    app,
    db,
    dialect: database.handle.dialect,
    sqliteFile: database.file,
    databaseUrl: database.url,
    validators,
    request,
    async signIn(role, areaId = role === "admin" || role === "evaluator" ? null : "north") {
      users += 1;
      const email = `${role}${users}@example.org`;
      await insertUser(
        db,
        { email, displayName: `${role} ${users}`, role, areaId, passwordHash: await testPasswordHash() },
        NOW,
      );
      const res = await request("/api/auth/login", {
        method: "POST",
        json: { email, password: TEST_PASSWORD },
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get("set-cookie")?.split(";")[0];
      if (!cookie) throw new Error("no session cookie");
      return cookie;
    },
    close: () => database.dispose(),
  };
}
