import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
import pg from "pg";
import { ARRAY_ROWS } from "./array-rows.ts";
import { classifyDatabaseError, DatabaseHealth } from "./availability.ts";
import type { Database } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Whether the database is away right now; logs an outage once (see availability.ts). */
  health: DatabaseHealth;
  close(): Promise<void>;
}

/**
 * Opens the embedded SQLite file. WAL lets readers run beside the one writer; synchronous=FULL makes a
 * commit durable before the server acknowledges a sync batch, so an acknowledged interview survives a
 * power cut, not only a crash.
 */
export function openSqlite(file: string, health = new DatabaseHealth()): DatabaseHandle {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A statement marked ARRAY_ROWS returns each row as an array of its columns (array-rows.ts).
  const database: SqliteDatabase = {
    close: () => sqlite.close(),
    prepare: (text) => {
      const statement = sqlite.prepare(text);
      return statement.reader && text.startsWith(ARRAY_ROWS) ? statement.raw(true) : statement;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: "sqlite", health, close: () => db.destroy() };
}

/**
 * Every wait on PostgreSQL has an end (values and reasons in docs/decisions/0028-database-outages.md).
 * The server-side ones are sent in each connection's startup message, so they hold for every session
 * the pool opens, including one opened again after a restart.
 */
export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** One statement (server side). */
  statementMs: number;
  /** Waiting for a row or table lock (server side). */
  lockMs: number;
  /** A transaction left open with nothing running: its locks are freed (server side). */
  idleInTransactionMs: number;
  /** The client stops waiting for an answer that never comes (a silent network partition). */
  queryMs: number;
}

export const serviceTimeouts: PostgresTimeouts = {
  connectMs: 3_000,
  statementMs: 60_000,
  lockMs: 15_000,
  idleInTransactionMs: 30_000,
  queryMs: 65_000,
};

/** Migrations may rewrite a large table and wait for another instance's migration to finish. */
export const migrationTimeouts: PostgresTimeouts = {
  connectMs: 10_000,
  statementMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  idleInTransactionMs: 60_000,
  queryMs: 15 * 60_000 + 5_000,
};

export function openPostgres(
  connectionString: string,
  max = 10,
  timeouts: PostgresTimeouts = serviceTimeouts,
  health = new DatabaseHealth(),
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    query_timeout: timeouts.queryMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle pooled connection that the database drops (a restart, a failover) is reported here; without
  // a listener Node ends the process. The pool discards that connection and opens a new one when needed.
  pool.on("error", (error) => health.failed(classifyDatabaseError(error) ?? "unavailable", error));
  // A connection checked out by a transaction is not covered by the pool's listener while it waits
  // between statements: give each one its own, so a drop there fails the transaction, not the process.
  pool.on("connect", (client) => {
    client.on("error", (error) => health.failed(classifyDatabaseError(error) ?? "unavailable", error));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", health, close: () => db.destroy() };
}

export function openDatabase(options: {
  databaseUrl: string | undefined;
  sqliteFile: string;
}): DatabaseHandle {
  const url = options.databaseUrl;
  if (url && isPostgresUrl(url)) return openPostgres(url);
  return openSqlite(options.sqliteFile);
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}
