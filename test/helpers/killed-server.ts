import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import type { TestContext } from "./test-app.ts";

/**
 * A real server process over a test's own database (the in-process app set it up), to be killed with
 * SIGKILL at a chosen moment (docs/decisions/0079). The moment is held open from outside, without a
 * hook in the server: the test takes a lock the server's next write waits for, sees it waiting, and
 * kills it there.
 */

export async function serverOver(t: TestContext): Promise<ServerProcess & { dispose(): void }> {
  // The in-process app's clock is fixed in the past; the server's is the real one: its sessions are
  // carried over to now, so the cookies the test signed in with still work.
  const now = new Date();
  await t.db
    .updateTable("sessions")
    .set({
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
    })
    .execute();
  const own = t.sqliteFile ? null : mkdtempSync(join(tmpdir(), "alongside-killed-"));
  const dataDir = t.sqliteFile ? dirname(t.sqliteFile) : (own as string);
  const server = await startServerProcess({
    dataDir,
    ...(t.databaseUrl ? { databaseUrl: t.databaseUrl } : {}),
    startTimeoutMs: 60_000,
  });
  return Object.assign(server, {
    dispose() {
      if (own) rmSync(own, { recursive: true, force: true });
    },
  });
}

/**
 * One server process at a time over a test's database: `restart` kills the one running (if any) and
 * starts another; `stop` kills it (for `afterEach`); `output` is what it printed.
 */
export function serverSlot(context: () => TestContext): {
  restart(): Promise<ServerProcess>;
  stop(): Promise<void>;
  /** What the running server has printed, for a failure's message. */
  output(): string;
} {
  let server: (ServerProcess & { dispose(): void }) | undefined;
  const stop = async () => {
    await server?.kill("SIGKILL");
    server?.dispose();
    server = undefined;
  };
  return {
    async restart() {
      await stop();
      server = await serverOver(context());
      return server;
    },
    stop,
    output: () => server?.output() ?? "",
  };
}

/** A lock held from outside the server; `release` lets whatever waited on it go on (or roll back). */
export interface HeldLock {
  /** Resolves once a statement of the server waits on the lock (PostgreSQL), or after a moment (SQLite). */
  waitedOn(server?: ServerProcess): Promise<void>;
  release(): Promise<void>;
}

/**
 * On PostgreSQL, `LOCK TABLE … IN EXCLUSIVE MODE`: the server reads the table but its next write to it
 * waits, in the middle of its transaction. On SQLite, the database's write lock (`BEGIN IMMEDIATE`):
 * the server's first write of the request waits (busy_timeout), before anything of it is written.
 */
export async function holdLock(t: TestContext, table: string): Promise<HeldLock> {
  if (t.sqliteFile) {
    const sqlite = new SQLite(t.sqliteFile);
    sqlite.exec("BEGIN IMMEDIATE");
    return {
      waitedOn: () => new Promise((done) => setTimeout(done, 400)),
      async release() {
        sqlite.exec("ROLLBACK");
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  let waiting: number[] = [];
  return {
    async waitedOn(server?: ServerProcess) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        // The statistics views are read once per transaction unless the snapshot is cleared.
        await client.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        waiting = rows.map((r) => r.pid);
        if (waiting.length > 0) return;
        if (Date.now() > deadline) {
          const all = await client.query(
            "SELECT pid, state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database()",
          );
          throw new Error(`nothing waited on ${table}: ${JSON.stringify(all.rows)}\n${server?.output()}`);
        }
        await new Promise((resume) => setTimeout(resume, 10));
      }
    },
    async release() {
      // The killed server's sessions are ended (and waited for) as PostgreSQL ends them once it sees the client gone:
      // a statement it was waiting to run is not run. (Let go instead, a statement outside a
      // transaction would run and commit; one inside would be rolled back at the next read.)
      for (const pid of waiting) await client.query("SELECT pg_terminate_backend($1, 5000)", [pid]);
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/** Signs a request as the cookie's user, against a server process. */
export function call(
  server: ServerProcess,
  path: string,
  cookie: string,
  body?: unknown,
  method = body === undefined ? "GET" : "POST",
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A request the server is killed during: its answer, or null when the connection died with it. */
export function during(request: Promise<Response>): Promise<Response | null> {
  return request.catch(() => null);
}
