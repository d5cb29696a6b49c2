import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.ts";
import { openSqlite } from "../../server/db/connect.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { NOW, seedTestDatabase } from "../helpers/test-database.ts";

// The real server on an SQLite file, killed with SIGKILL while a tablet streams sync batches: no
// shutdown hook runs, whatever was in flight is cut off. An acknowledged batch must survive whole, an
// unacknowledged one must be whole or absent, and the tablet's retry must complete the set.

const PASSWORD = "correct horse battery staple";
// Enough batches that the kill, a moment after the sixth acknowledgement, always lands mid-stream: the
// server takes a few milliseconds a batch, and 50 more are queued behind it.
const BATCHES = 60;
const BATCH_SIZE = 20;
const SENDERS = 3;
const KILL_AFTER_ACKS = 6;

let dir: string | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(instance: ServerProcess): Promise<string> {
  const res = await fetch(`${instance.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "tablet@example.org", password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${instance.output()}`);
  return res.headers.get("set-cookie")?.split(";")[0] ?? "";
}

function post(instance: ServerProcess, cookie: string, items: SyncItem[]): Promise<Response> {
  return fetch(`${instance.url}/api/sync`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ items }),
  });
}

/** How many of each batch's ids the file holds, read straight from the file after the crash. */
function storedPerBatch(file: string, batches: SyncItem[][]): { counts: number[]; integrity: string } {
  const sqlite = new SQLite(file);
  try {
    const integrity = String(sqlite.pragma("integrity_check", { simple: true }));
    const has = sqlite.prepare("SELECT count(*) AS n FROM responses WHERE id = ?");
    const counts = batches.map((batch) =>
      batch.reduce((n, item) => n + Number((has.get(item.id) as { n: number }).n), 0),
    );
    return { counts, integrity };
  } finally {
    sqlite.close();
  }
}

it("keeps every acknowledged batch whole through a SIGKILL mid-stream, and the retry completes the rest once", async () => {
  dir = mkdtempSync(join(tmpdir(), "alongside-crash-"));
  const file = join(dir, "alongside.sqlite");
  const setup = openSqlite(file);
  await migrateToLatest(setup.db);
  await seedTestDatabase(setup.db);
  await insertUser(
    setup.db,
    {
      email: "tablet@example.org",
      displayName: "Tablet",
      role: "peer_researcher",
      areaId: "north",
      passwordHash: await hashPassword(PASSWORD),
    },
    NOW,
  );
  await setup.close();

  server = await startServerProcess({ dataDir: dir, startTimeoutMs: 60_000 });
  const cookie = await signIn(server);
  const batches = Array.from({ length: BATCHES }, () => Array.from({ length: BATCH_SIZE }, () => syncItem()));
  const acknowledged = new Set<number>();
  let next = 0;
  let killed: Promise<void> | undefined;

  // Several batches in flight at once, as a tablet catching up does; the kill lands among them.
  const running = server;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < batches.length && running.child.exitCode === null && running.child.signalCode === null) {
        const index = next;
        next += 1;
        try {
          const res = await post(running, cookie, batches[index] ?? []);
          if (res.status === 200) {
            const { results } = (await res.json()) as SyncResponse;
            expect(results.every((r) => r.outcome === "accepted")).toBe(true);
            acknowledged.add(index);
          }
        } catch {
          // The connection died with the server: this batch is not acknowledged.
        }
        if (acknowledged.size >= KILL_AFTER_ACKS && !killed) {
          // A moment later, at a random point of whatever the server is doing then.
          killed = new Promise((wait) => setTimeout(wait, Math.random() * 100)).then(() =>
            running.kill("SIGKILL"),
          );
        }
      }
    }),
  );
  await killed;
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acknowledged.size).toBeLessThan(BATCHES);

  const afterCrash = storedPerBatch(file, batches);
  expect(afterCrash.integrity).toBe("ok");
  afterCrash.counts.forEach((count, index) => {
    if (acknowledged.has(index)) expect(count, `acknowledged batch ${index}`).toBe(BATCH_SIZE);
    else expect([0, BATCH_SIZE], `unacknowledged batch ${index}`).toContain(count);
  });

  // The tablet kept every unacknowledged batch and sends each again to the restarted server; its
  // session was in the database, so it survives the restart too.
  server = await startServerProcess({ dataDir: dir, startTimeoutMs: 60_000 });
  for (const [index, batch] of batches.entries()) {
    if (acknowledged.has(index)) continue;
    const res = await post(server, cookie, batch);
    expect(res.status, server.output()).toBe(200);
    const { results } = (await res.json()) as SyncResponse;
    const expected = afterCrash.counts[index] === BATCH_SIZE ? "duplicate" : "accepted";
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set([expected]));
  }
  await server.kill("SIGTERM");

  const final = storedPerBatch(file, batches);
  expect(final.integrity).toBe("ok");
  expect(final.counts).toEqual(batches.map(() => BATCH_SIZE));
  const sqlite = new SQLite(file, { readonly: true });
  const totals = sqlite
    .prepare(
      "SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM response_revisions) AS revisions",
    )
    .get() as { responses: number; revisions: number };
  sqlite.close();
  expect(totals).toEqual({ responses: BATCHES * BATCH_SIZE, revisions: 0 });
}, 180_000);
