import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import { createApp } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/password.ts";
import { openSqlite } from "../../server/db/connect.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import type { Database } from "../../server/db/schema.ts";
import type { Config } from "../../server/env.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import type { AppEnv } from "../../server/http/app-env.ts";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";

export const TEST_PASSWORD = "correct horse battery staple";
export const NOW = new Date("2026-11-26T10:00:00.000Z");
export const TEST_SURVEY_ID = "wellbeing-check";

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

// scrypt is deliberately slow; hash the shared test password once per test file.
let passwordHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

export function readFixtureSurvey(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "../fixtures/surveys/wellbeing-check.json"), "utf8"),
  );
}

export interface TestContext {
  app: Hono<AppEnv>;
  db: Kysely<Database>;
  validators: ValidatorCache;
  /** Creates a user and returns the cookie of a signed-in session. */
  signIn(role: Role, areaId?: string | null): Promise<string>;
  request(path: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh migrated SQLite file with two areas and the fixture survey published as version 1. */
export async function createTestContext(): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), "alongside-test-"));
  const handle = openSqlite(join(dir, "test.sqlite"));
  const db = handle.db;
  await migrateToLatest(db);
  await db
    .insertInto("areas")
    .values([
      { id: "north", name: "Northtown", region: "North East", created_at: NOW.toISOString() },
      { id: "south", name: "Southport", region: "South West", created_at: NOW.toISOString() },
    ])
    .execute();
  const definition = readFixtureSurvey();
  await publishVersion(
    db,
    {
      id: TEST_SURVEY_ID,
      title: "Wellbeing check",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
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
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
