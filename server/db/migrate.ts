import { type Kysely, Migrator, sql } from "kysely";
import { classifyDatabaseError } from "./availability.ts";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

/** Where Kysely's migrator records what it ran (its default table). */
const MIGRATION_TABLE = "kysely_migration";

/** This release's migrations against what the database says it has run. */
export interface MigrationState {
  /** Known to this release and not yet run. */
  missing: string[];
  /** Run on the database by a newer release, unknown to this one. */
  unknown: string[];
}

/**
 * Reads which migrations the database has run. A database never migrated has no table yet: everything
 * is missing. An unreachable database throws (the caller decides whether to wait or answer 503).
 */
export async function migrationState(db: Kysely<Database>): Promise<MigrationState> {
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
    applied = rows.map((r) => r.name);
  } catch (error) {
    if (classifyDatabaseError(error)) throw error;
    applied = [];
  }
  const known = Object.keys(migrations);
  const ran = new Set(applied);
  return {
    missing: known.filter((name) => !ran.has(name)),
    unknown: applied.filter((name) => !(name in migrations)).sort(),
  };
}

/**
 * Brings the database up to the latest migration; throws with the failing migration's name.
 *
 * Rolling restarts (docs/decisions/0028-database-outages.md, "expand/contract"): a database already
 * migrated by a newer release — every migration this release knows has run, plus some it does not
 * know — is served as it is, because a migration may only add (tables, nullable or defaulted columns,
 * indexes) until every instance runs the release that no longer needs what it would take away. A
 * database whose history does not contain this release's migrations (a branch, a skipped release) is
 * refused with a clear message instead of being migrated into an unknown state.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  log: (line: string) => void = (line) => console.warn(line),
): Promise<string[]> {
  const before = await migrationState(db);
  if (before.unknown.length > 0) return acceptNewer(before, log);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    // Another instance of a newer release may have migrated between our look and our turn.
    const after = await migrationState(db).catch(() => before);
    if (!failed && after.unknown.length > 0) return acceptNewer(after, log);
    const name = failed?.migrationName ?? "unknown";
    throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

function acceptNewer(state: MigrationState, log: (line: string) => void): string[] {
  if (state.missing.length > 0) {
    throw new Error(
      `The database's migrations do not match this release: it has run ${state.unknown.join(", ")}, ` +
        `which this release does not know, but not ${state.missing.join(", ")}, which it needs. ` +
        "Start the release the database was migrated by (or a newer one).",
    );
  }
  log(
    `The database was migrated by a newer release (${state.unknown.join(", ")}). ` +
      "Serving it as it is: migrations only add until every instance runs the newer release.",
  );
  return [];
}
