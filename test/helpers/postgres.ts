import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Throwaway databases on the PostgreSQL server named by `TEST_DATABASE_URL`. Each test gets its own
 * database, copied from a migrated and seeded template (CREATE DATABASE … TEMPLATE takes ~10 ms, far
 * less than migrating), and drops it afterwards. Names carry a per-process prefix so that several test
 * runs on one server never touch each other's databases. The role in the URL needs CREATEDB.
 */

const PREFIX = "alongside_test_";
const run = `${process.pid}_${randomBytes(3).toString("hex")}`;
let counter = 0;

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const admins = new Map<string, Promise<Admin>>();

interface Admin {
  pool: pg.Pool;
  version: number;
}

/** One small pool per server for CREATE/DROP DATABASE, which cannot run inside the database itself. */
function admin(serverUrl: string): Promise<Admin> {
  let found = admins.get(serverUrl);
  if (!found) {
    found = (async () => {
      const pool = new pg.Pool({ connectionString: serverUrl, max: 2, allowExitOnIdle: true });
      const { rows } = await pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      return { pool, version: Number(rows[0]?.v ?? 0) };
    })();
    admins.set(serverUrl, found);
  }
  return found;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database, or a copy of `template`, and returns its URL. FILE_COPY copies the
 * template's files at once, much faster than the WAL_LOG default for a small database (PostgreSQL 15+).
 */
export async function createScratchDatabase(
  serverUrl: string,
  options: { template?: string; label?: string; prefix?: string } = {},
): Promise<ScratchDatabase> {
  const { pool, version } = await admin(serverUrl);
  counter += 1;
  const name = options.prefix
    ? `${options.prefix}_${process.pid}_${counter}`
    : `${PREFIX}${options.label ?? "db"}_${run}_${counter}`;
  const template = options.template
    ? ` TEMPLATE ${quoteIdent(options.template)}${version >= 150000 ? " STRATEGY FILE_COPY" : ""}`
    : "";
  await pool.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/**
 * Drops a database once its connections are gone. A pg pool's `end()` resolves before its sockets have
 * closed, so the first attempts can find the database still "being accessed"; terminating those
 * sessions at once (WITH FORCE) would make the closing clients report an error, so wait for them first.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const { pool, version } = await admin(serverUrl);
  const drop = `DROP DATABASE IF EXISTS ${quoteIdent(name)}`;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    try {
      await pool.query(drop);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006") throw error;
      await new Promise((done) => setTimeout(done, 25));
    }
  }
  await pool.query(`${drop}${version >= 130000 ? " WITH (FORCE)" : ""}`);
}

/** Drops every database whose name starts with `prefix` (the leftovers of one test run). */
export async function dropDatabasesStartingWith(serverUrl: string, prefix: string): Promise<void> {
  const { pool } = await admin(serverUrl);
  const { rows } = await pool.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
    [prefix],
  );
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}

export async function closeAdminPools(): Promise<void> {
  const all = [...admins.values()];
  admins.clear();
  await Promise.all(all.map(async (a) => (await a).pool.end()));
}
