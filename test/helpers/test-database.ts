import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { type DatabaseHandle, openPostgres, openSqlite } from "../../server/db/connect.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import type { Database } from "../../server/db/schema.ts";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { createScratchDatabase, dropDatabasesStartingWith } from "./postgres.ts";
import { takePostgresCopy } from "./postgres-reuse.ts";

/**
 * The database every integration test starts from, on either dialect: migrated to the latest
 * migration, with areas `north` and `south` and the fixture survey published as version 1.
 *
 * It is built once per run as a template (in the vitest global setup, see `database-setup.ts`) and
 * copied for each test: a file copy on SQLite; on PostgreSQL a CREATE DATABASE … TEMPLATE copy that
 * each worker empties and reuses for its next test (`postgres-reuse.ts`). A test therefore pays for a
 * copy, not for every migration. This module imports nothing from vitest so the
 * global setup (outside the test workers) can use it.
 */

export type TestDialect = "sqlite" | "postgres";

export const NOW = new Date("2026-11-26T10:00:00.000Z");
export const TEST_SURVEY_ID = "wellbeing-check";

export function readFixtureSurvey(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "../fixtures/surveys/wellbeing-check.json"), "utf8"),
  );
}

export async function seedTestDatabase(db: Kysely<Database>): Promise<void> {
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
}

/** Where the per-test copies come from; passed from the global setup to the workers. */
export type DatabaseTemplate =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; serverUrl: string; database: string };

export async function createTemplate(
  dialect: TestDialect,
  serverUrl: string | undefined,
): Promise<{ template: DatabaseTemplate; dispose(): Promise<void> }> {
  if (dialect === "postgres") {
    if (!serverUrl) throw new Error("The postgres test project needs TEST_DATABASE_URL.");
    const scratch = await createScratchDatabase(serverUrl, { label: "template" });
    const template: DatabaseTemplate = { dialect, serverUrl, database: scratch.name };
    const handle = openPostgres(scratch.url, 2);
    try {
      await migrateToLatest(handle.db);
      await seedTestDatabase(handle.db);
    } finally {
      await handle.close();
    }
    return {
      template,
      async dispose() {
        await dropDatabasesStartingWith(serverUrl, `${scratch.name}_`);
        await scratch.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "alongside-template-"));
  const file = join(dir, "template.sqlite");
  const handle = openSqlite(file);
  try {
    await migrateToLatest(handle.db);
    await seedTestDatabase(handle.db);
  } finally {
    // Closing checkpoints the WAL into the file, so copying the one file copies everything.
    await handle.close();
  }
  return {
    template: { dialect, file },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The SQLite file, on SQLite: `alongside.sqlite`, so its folder is a server's DATA_DIR. */
  file?: string;
  /** The database's URL, on PostgreSQL (for a server process over the same database). */
  url?: string;
  /** Closes the connection and deletes the database. */
  dispose(): Promise<void>;
}

/** A fresh database for one test, copied from the template (or built from scratch without one). */
export async function openTestDatabase(template: DatabaseTemplate | undefined): Promise<TestDatabase> {
  if (template?.dialect === "postgres") {
    const copy = await takePostgresCopy(template.serverUrl, template.database);
    const handle = openPostgres(copy.url, 4);
    return {
      handle,
      url: copy.url,
      async dispose() {
        await handle.close();
        await copy.release();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "alongside-test-"));
  const file = join(dir, "alongside.sqlite");
  if (template) copyFileSync(template.file, file);
  const handle = openSqlite(file);
  if (!template) {
    await migrateToLatest(handle.db);
    await seedTestDatabase(handle.db);
  }
  return {
    handle,
    file,
    async dispose() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
