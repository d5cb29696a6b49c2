import pg from "pg";
import { createScratchDatabase, dropDatabase, quoteIdent, type ScratchDatabase } from "./postgres.ts";

/**
 * Per-test PostgreSQL databases without a CREATE DATABASE per test. A copy of the template costs
 * about 10 MB of file copying and a checkpoint, and dropping it waits for the test's connections to
 * close: 0.4–0.5 s a test under load, more than many tests themselves. So each worker keeps the
 * copies its tests have finished with and empties them for the next test instead: every table
 * emptied, and the rows the template held (migrations' bookkeeping, the seed) put back, parents
 * before children, from a snapshot taken when the copy was made, all in one round trip.
 *
 * A copy is reused only if its tables and columns are still the template's (a test that changed the
 * schema gets its copy dropped, not reused) and the emptying succeeded. Two tests open at once in one
 * worker (a test that opens a second context) each get a copy of their own.
 */
interface ReusableCopy {
  scratch: ScratchDatabase;
  /** A connection of our own to the copy, kept open between tests to empty it. */
  client: pg.Client;
  /** Every table emptied, then the template's rows put back. */
  resetSql: string;
  shape: string;
}

/** The emptied copies waiting for a test, per template. */
const free = new Map<string, ReusableCopy[]>();

const SHAPE_SQL = `
  SELECT md5(coalesce(string_agg(c.relname || '.' || a.attname || ':' || a.atttypid::text || ':' || a.attnotnull::text,
                                 ',' ORDER BY c.relname, a.attnum), '')) AS shape
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'i', 'v', 'm', 'S')
    AND a.attnum > 0 AND NOT a.attisdropped`;

/** A copy of the template for one test: one a finished test left, emptied, or a new one. */
export async function takePostgresCopy(
  serverUrl: string,
  template: string,
): Promise<{ url: string; release(): Promise<void> }> {
  const waiting = free.get(template) ?? [];
  free.set(template, waiting);
  const copy = waiting.pop() ?? (await newCopy(serverUrl, template));
  return {
    url: copy.scratch.url,
    async release() {
      if (await emptied(copy)) {
        waiting.push(copy);
        return;
      }
      await copy.client.end().catch(() => undefined);
      await dropDatabase(serverUrl, copy.scratch.name);
    },
  };
}

async function newCopy(serverUrl: string, template: string): Promise<ReusableCopy> {
  const scratch = await createScratchDatabase(serverUrl, { template, prefix: template });
  const client = new pg.Client({ connectionString: scratch.url });
  client.on("error", () => undefined);
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const order = parentsFirst(
    tables.map((t) => t.name),
    await foreignKeys(client),
  );
  const restore: string[] = [];
  for (const name of order) {
    const table = quoteIdent(name);
    const { rows } = await client.query<{ rows: string | null }>(
      `SELECT json_agg(t)::text AS rows FROM ${table} t`,
    );
    const json = rows[0]?.rows;
    if (json) {
      restore.push(
        `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, ${literal(json)})`,
      );
    }
  }
  // DELETE, children first, not TRUNCATE: TRUNCATE gives every table and index new files, which cost
  // more than the few rows a test leaves (measured: 346 ms a test against ~20).
  const clear = order.toReversed().map((name) => `DELETE FROM ${quoteIdent(name)}`);
  const resetSql = ["BEGIN", ...clear, ...restore, "COMMIT"].join(";\n");
  return { scratch, client, resetSql, shape: await shapeOf(client) };
}

/** Each table's parents (the tables its foreign keys point at), within the public schema. */
async function foreignKeys(client: pg.Client): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ child: string; parent: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
  const parents = new Map<string, string[]>();
  for (const { child, parent } of rows) {
    const name = (text: string) => text.replace(/^"|"$/g, "").replaceAll('""', '"');
    parents.set(name(child), [...(parents.get(name(child)) ?? []), name(parent)]);
  }
  return parents;
}

/** The tables in an order where every table comes after the tables it refers to. */
function parentsFirst(tables: readonly string[], parents: ReadonlyMap<string, string[]>): string[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (table: string) => {
    if (seen.has(table)) return;
    seen.add(table);
    for (const parent of parents.get(table) ?? []) if (parent !== table) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

async function shapeOf(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ shape: string }>(SHAPE_SQL);
  return rows[0]?.shape ?? "";
}

/** Empties a copy for the next test; false when it cannot be reused (changed schema, a failure). */
async function emptied(copy: ReusableCopy): Promise<boolean> {
  try {
    if ((await shapeOf(copy.client)) !== copy.shape) return false;
    await copy.client.query(copy.resetSql);
    return true;
  } catch {
    await copy.client.query("ROLLBACK").catch(() => undefined);
    return false;
  }
}

/** A string literal for the simple query protocol (standard_conforming_strings is on by default). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
