import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import pg from "pg";
import { migrationTimeouts, openPostgres, openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { canonicalJson } from "../server/fieldwork/content-hash.ts";

/**
 * Copies an SQLite deployment of Alongside into a new, empty PostgreSQL database, for an area that
 * outgrows one machine:
 *
 *   npm run copy-to-postgres -- data/alongside.sqlite postgres://user:pass@host:5432/alongside
 *
 * Stop the server first. Both databases are brought to the latest migration (the server does the same
 * at every start), then every table the migrations made is copied whole — the command walks the
 * schema rather than a list of tables, so tables added by later migrations are copied too — in one
 * PostgreSQL transaction, parents before children. Triggers are switched off while copying, so
 * aggregate tables that triggers maintain are copied as they are instead of being counted twice. Before
 * committing, each table's row count and an order-independent checksum of its rows are compared on
 * both sides; any difference rolls the whole copy back. Nothing in the SQLite file is changed apart
 * from migrations it had not run yet.
 */

export interface TableReport {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  sqliteChecksum: string;
  postgresChecksum: string;
  matches: boolean;
}

export class CopyError extends Error {}

/** How a column's values compare across the two databases, from its PostgreSQL type. */
type Kind = "integer" | "number" | "boolean" | "json" | "bytes" | "time" | "text";

interface Column {
  name: string;
  kind: Kind;
}

const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);
/** Keep each INSERT under PostgreSQL's 65,535 bound parameters. */
const MAX_PARAMETERS = 60_000;
const FETCH_ROWS = 2_000;

export async function copySqliteToPostgres(
  sqliteFile: string,
  postgresUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<TableReport[]> {
  if (!existsSync(sqliteFile)) throw new CopyError(`No SQLite file at ${sqliteFile}.`);
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    if (await hasTable(client, "kysely_migration")) {
      throw new CopyError(
        "The PostgreSQL database already holds an Alongside schema. Copy into a new, empty database.",
      );
    }
    const source = openSqlite(sqliteFile);
    try {
      const applied = await migrateToLatest(source.db);
      if (applied.length > 0) log(`Brought the SQLite file up to date: ${applied.join(", ")}.`);
    } finally {
      await source.close();
    }
    // One long transaction over every table: the generous bounds migrations use, not the service ones.
    const target = openPostgres(postgresUrl, 1, migrationTimeouts);
    try {
      await migrateToLatest(target.db);
    } finally {
      await target.close();
    }

    const sqlite = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
    try {
      // One read transaction: the copy and its checks see one state of the file.
      sqlite.exec("BEGIN");
      return await copyTables(sqlite, client, log);
    } finally {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      sqlite.close();
    }
  } finally {
    await client.end();
  }
}

async function copyTables(
  sqlite: SQLite.Database,
  client: pg.Client,
  log: (line: string) => void,
): Promise<TableReport[]> {
  const tables = parentsFirst(sqlite, sqliteTables(sqlite));
  await client.query("BEGIN");
  try {
    const columnsOf = new Map<string, Column[]>();
    for (const table of tables) columnsOf.set(table, await matchingColumns(sqlite, client, table));
    // Rows some migrations seed (defaults) are replaced by the deployment's own.
    for (const table of [...tables].reverse()) {
      await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
      await client.query(`DELETE FROM ${quote(table)}`);
    }
    for (const table of tables) {
      const copied = await copyTable(sqlite, client, table, columnsOf.get(table) ?? []);
      log(`Copied ${copied} rows of ${table}.`);
    }
    for (const table of tables) await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);

    const reports = await compareTables(sqlite, client, tables, columnsOf);
    const different = reports.filter((r) => !r.matches);
    if (different.length > 0) {
      throw new CopyError(
        `The copy differs from the SQLite file in ${different.map((r) => r.table).join(", ")}; nothing was kept.`,
      );
    }
    await client.query("COMMIT");
    return reports;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/**
 * Compares an SQLite file with a PostgreSQL database table by table (counts and checksums) without
 * changing either: to check a copy again later, or that nothing was written to the old file since.
 */
export async function verifyCopy(sqliteFile: string, postgresUrl: string): Promise<TableReport[]> {
  const sqlite = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    sqlite.exec("BEGIN");
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = parentsFirst(sqlite, sqliteTables(sqlite));
    const columnsOf = new Map<string, Column[]>();
    for (const table of tables) columnsOf.set(table, await matchingColumns(sqlite, client, table));
    return await compareTables(sqlite, client, tables, columnsOf);
  } finally {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    sqlite.close();
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

async function compareTables(
  sqlite: SQLite.Database,
  client: pg.Client,
  tables: string[],
  columnsOf: Map<string, Column[]>,
): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of tables)
    reports.push(await compareTable(sqlite, client, table, columnsOf.get(table) ?? []));
  return reports;
}

function sqliteTables(sqlite: SQLite.Database): string[] {
  const rows = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !MIGRATION_TABLES.has(name));
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
function parentsFirst(sqlite: SQLite.Database, tables: string[]): string[] {
  const parents = new Map<string, Set<string>>();
  for (const table of tables) {
    const keys = sqlite.prepare(`SELECT "table" AS parent FROM pragma_foreign_key_list(?)`).all(table) as {
      parent: string;
    }[];
    parents.set(table, new Set(keys.map((k) => k.parent).filter((p) => p !== table && tables.includes(p))));
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0)
      throw new CopyError("The tables' foreign keys form a cycle; cannot order the copy.");
    for (const table of ready) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

async function hasTable(client: pg.Client, table: string): Promise<boolean> {
  const { rows } = await client.query(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  return rows.length > 0;
}

/** The table's columns, which must be the same on both sides (they come from the same migrations). */
async function matchingColumns(sqlite: SQLite.Database, client: pg.Client, table: string): Promise<Column[]> {
  const inSqlite = (
    sqlite.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]
  ).map((c) => c.name);
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  const missing = inSqlite.filter((c) => !types.has(c));
  const extra = [...types.keys()].filter((c) => !inSqlite.includes(c));
  if (types.size === 0 || missing.length > 0 || extra.length > 0) {
    throw new CopyError(
      `Table ${table} differs between the databases (only in SQLite: ${missing.join(", ") || "—"}; only in PostgreSQL: ${extra.join(", ") || "—"}).`,
    );
  }
  return [...inSqlite].sort().map((name) => ({ name, kind: kindOf(types.get(name) ?? "text") }));
}

function kindOf(dataType: string): Kind {
  if (["smallint", "integer", "bigint"].includes(dataType)) return "integer";
  if (["real", "double precision", "numeric"].includes(dataType)) return "number";
  if (dataType === "boolean") return "boolean";
  if (dataType === "json" || dataType === "jsonb") return "json";
  if (dataType === "bytea") return "bytes";
  if (dataType.startsWith("timestamp")) return "time";
  return "text";
}

async function copyTable(
  sqlite: SQLite.Database,
  client: pg.Client,
  table: string,
  columns: Column[],
): Promise<number> {
  const names = columns.map((c) => c.name);
  const perInsert = Math.max(1, Math.min(1_000, Math.floor(MAX_PARAMETERS / names.length)));
  const select = sqlite.prepare(`SELECT ${names.map(quote).join(", ")} FROM ${quote(table)}`).raw(true);
  let chunk: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const values = chunk.map(
      (_, row) => `(${names.map((__, col) => `$${row * names.length + col + 1}`).join(", ")})`,
    );
    await client.query(
      `INSERT INTO ${quote(table)} (${names.map(quote).join(", ")}) VALUES ${values.join(", ")}`,
      chunk.flatMap((row) => row.map((value, col) => toPostgres(value, columns[col]?.kind ?? "text"))),
    );
    copied += chunk.length;
    chunk = [];
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    chunk.push(row);
    if (chunk.length >= perInsert) await flush();
  }
  await flush();
  return copied;
}

function toPostgres(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "boolean") return Number(value) !== 0;
  return value;
}

/**
 * Row count and checksum of a table on both sides. The checksum is the sum (mod 2^128) of each row's
 * SHA-256, so row order does not matter: the two databases sort text differently.
 */
async function compareTable(
  sqlite: SQLite.Database,
  client: pg.Client,
  table: string,
  columns: Column[],
): Promise<TableReport> {
  const names = columns.map((c) => c.name);
  const select = `SELECT ${names.map(quote).join(", ")} FROM ${quote(table)}`;
  const left = new TableChecksum(columns);
  for (const row of sqlite.prepare(select).raw(true).iterate() as IterableIterator<unknown[]>) left.add(row);

  const right = new TableChecksum(columns);
  const cursor = `copy_check_${table}`.slice(0, 60);
  await client.query(`DECLARE ${quote(cursor)} NO SCROLL CURSOR FOR ${select}`);
  for (;;) {
    const { rows } = await client.query({
      text: `FETCH ${FETCH_ROWS} FROM ${quote(cursor)}`,
      rowMode: "array",
    });
    for (const row of rows as unknown[][]) right.add(row);
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query(`CLOSE ${quote(cursor)}`);

  return {
    table,
    sqliteRows: left.rows,
    postgresRows: right.rows,
    sqliteChecksum: left.digest(),
    postgresChecksum: right.digest(),
    matches: left.rows === right.rows && left.digest() === right.digest(),
  };
}

/** Order-independent checksum of rows, comparing values as the application reads them. */
export class TableChecksum {
  rows = 0;
  private sum = 0n;

  constructor(private readonly columns: Column[]) {}

  add(row: unknown[]): void {
    const canonical = JSON.stringify(
      row.map((value, i) => normalise(value, this.columns[i]?.kind ?? "text")),
    );
    const digest = createHash("sha256").update(canonical).digest();
    this.sum = (this.sum + BigInt(`0x${digest.subarray(0, 16).toString("hex")}`)) % 2n ** 128n;
    this.rows += 1;
  }

  digest(): string {
    return this.sum.toString(16).padStart(32, "0");
  }
}

function normalise(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "integer":
      return BigInt(value as number | string | bigint).toString();
    case "number":
      return String(Number(value));
    case "boolean":
      return value === true || Number(value) === 1 ? 1 : 0;
    case "json":
      return canonicalJson(typeof value === "string" ? JSON.parse(value) : value);
    case "bytes":
      return Buffer.isBuffer(value) ? value.toString("hex") : String(value);
    case "time":
      return new Date(value as string | Date).toISOString();
    default:
      return Buffer.isBuffer(value) ? value.toString("hex") : String(value);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export function formatReport(reports: TableReport[]): string {
  const width = Math.max(5, ...reports.map((r) => r.table.length));
  const lines = [`${"table".padEnd(width)}  ${"sqlite".padStart(9)}  ${"postgres".padStart(9)}  checksum`];
  for (const r of reports) {
    lines.push(
      `${r.table.padEnd(width)}  ${String(r.sqliteRows).padStart(9)}  ${String(r.postgresRows).padStart(9)}  ${
        r.matches ? `same (${r.postgresChecksum.slice(0, 12)})` : "DIFFERENT"
      }`,
    );
  }
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const [file, url] = args;
  if (!file || !url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error(
      "Usage: npm run copy-to-postgres -- <sqlite file> <postgres://user:pass@host:port/database>",
    );
    return 2;
  }
  try {
    const reports = await copySqliteToPostgres(file, url, (line) => console.log(line));
    console.log(`\n${formatReport(reports)}\n`);
    const rows = reports.reduce((n, r) => n + r.postgresRows, 0);
    console.log(`Copied ${rows} rows in ${reports.length} tables; counts and checksums match.`);
    console.log("Start the server with DATABASE_URL set to the PostgreSQL URL.");
    return 0;
  } catch (error) {
    console.error(error instanceof CopyError ? error.message : error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
