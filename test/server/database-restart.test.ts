import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.ts";
import { type DatabaseHandle, openPostgres } from "../../server/db/connect.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { testDialect } from "../helpers/dialect.ts";
import { type OwnPostgres, startOwnPostgres } from "../helpers/own-postgres.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { NOW, seedTestDatabase } from "../helpers/test-database.ts";

// Issue 21, end to end on PostgreSQL: the built server on a cluster of the test's own, four tablets
// syncing while the database is killed (`pg_ctl -m immediate`, what a crash or a failover does) and
// started again three times. The server never exits, /readyz goes false and true again each time, the
// tablets' retries (same batch, same ids, as the outbox does) complete, and every interview is stored
// exactly once. Runs in the integration-pg project (PostgreSQL installed), not against the shared cluster.

const PASSWORD = "correct horse battery staple";
const TABLETS = 4;
const BATCHES_PER_TABLET = 12;
const BATCH_SIZE = 10;
const RESTARTS = 3;

describe.runIf(testDialect() === "postgres")("PostgreSQL restarted under a syncing server", () => {
  let cluster: OwnPostgres;
  let handle: DatabaseHandle;
  let server: ServerProcess;
  const dataDir = mkdtempSync(join(tmpdir(), "alongside-restart-"));

  beforeAll(async () => {
    cluster = await startOwnPostgres();
    handle = openPostgres(cluster.url, 2);
    await migrateToLatest(handle.db);
    await seedTestDatabase(handle.db);
    for (let i = 0; i < TABLETS; i += 1) {
      await insertUser(
        handle.db,
        {
          email: `tablet${i}@example.org`,
          displayName: `Tablet ${i}`,
          role: "peer_researcher",
          areaId: "north",
          passwordHash: await hashPassword(PASSWORD),
        },
        NOW,
      );
    }
    server = await startServerProcess({ dataDir, databaseUrl: cluster.url, startTimeoutMs: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await server?.kill();
    await handle?.close();
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(i: number): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `tablet${i}@example.org`, password: PASSWORD }),
    });
    expect(res.status, server.output()).toBe(200);
    return res.headers.get("set-cookie")?.split(";")[0] ?? "";
  }

  async function ready(): Promise<boolean> {
    const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return res.status === 200;
  }

  async function until(condition: () => Promise<boolean>, label: string, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting: ${label}\n${server.output()}`);
      await new Promise((resume) => setTimeout(resume, 50));
    }
  }

  it("keeps serving through three immediate restarts and stores every interview exactly once", async () => {
    const cookies = await Promise.all(Array.from({ length: TABLETS }, (_, i) => signIn(i)));
    const outboxes: SyncItem[][][] = cookies.map(() =>
      Array.from({ length: BATCHES_PER_TABLET }, () => Array.from({ length: BATCH_SIZE }, () => syncItem())),
    );
    const statuses = new Map<number, number>();
    let acknowledged = 0;
    let done = false;

    // Each tablet sends its batches in order and resends a batch until it is answered, as the outbox does
    // (here after 100 ms rather than the outbox's backoff, to keep the test short).
    const tablets = cookies.map(async (cookie, t) => {
      for (const batch of outboxes[t] ?? []) {
        for (;;) {
          let status = 0;
          try {
            const res = await fetch(`${server.url}/api/sync`, {
              method: "POST",
              headers: { "content-type": "application/json", cookie },
              body: JSON.stringify({ items: batch }),
              signal: AbortSignal.timeout(15_000),
            });
            status = res.status;
            if (status === 200) {
              const { results } = (await res.json()) as SyncResponse;
              expect(results.every((r) => r.outcome === "accepted" || r.outcome === "duplicate")).toBe(true);
              acknowledged += 1;
              break;
            }
            expect(res.headers.get("content-type"), await res.text()).toBe("application/problem+json");
            expect(res.headers.get("retry-after")).toBe("5");
          } catch (error) {
            if ((error as Error).name === "AssertionError") throw error;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          await new Promise((resume) => setTimeout(resume, 100));
        }
        // A short pause between batches, so the restarts land while tablets are mid-stream.
        await new Promise((resume) => setTimeout(resume, 60));
      }
    });

    const restarts = (async () => {
      let readyWentFalse = 0;
      for (let r = 0; r < RESTARTS; r += 1) {
        const before = acknowledged;
        await until(async () => acknowledged >= before + 3, "tablets making progress before a restart");
        await cluster.crash();
        await until(async () => !(await ready()), "/readyz false while the database is down");
        readyWentFalse += 1;
        // A moment of outage in which the tablets keep knocking.
        await new Promise((resume) => setTimeout(resume, 700));
        expect(server.child.exitCode, server.output()).toBeNull();
        await cluster.start();
        await until(ready, "/readyz true once the database is back");
      }
      done = true;
      return readyWentFalse;
    })();

    const [readyWentFalse] = await Promise.all([restarts, Promise.all(tablets)]);
    expect(done).toBe(true);
    expect(readyWentFalse).toBe(RESTARTS);
    // The server process never exited, and the tablets did meet the outage (503s or cut connections).
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
    expect(
      [...statuses.keys()].filter((s) => s !== 200).length,
      JSON.stringify([...statuses]),
    ).toBeGreaterThan(0);
    expect(
      [...statuses.keys()].every((s) => s === 0 || s === 503),
      JSON.stringify([...statuses]),
    ).toBe(true);

    // Every interview stored exactly once, nothing else.
    const all = outboxes.flat(2).map((item) => item.id);
    const rows = await handle.db.selectFrom("responses").select("id").execute();
    expect(rows.length).toBe(all.length);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(all));
    // Each outage was logged once when it began and once when it ended, not once per request.
    const began = server.output().match(/The database is unreachable/g) ?? [];
    expect(began.length, server.output()).toBeLessThanOrEqual(RESTARTS * 2);
    expect(began.length).toBeGreaterThanOrEqual(RESTARTS);
  }, 60_000);

  it("starts while the database is still down and serves once it comes up", async () => {
    await server.kill();
    await cluster.crash();
    // The database comes up only once the server has said it is waiting for it (however long the
    // server takes to boot on a busy machine).
    let sawWaiting: () => void = () => undefined;
    const waiting = new Promise<void>((resume) => {
      sawWaiting = resume;
    });
    const starting = startServerProcess({
      dataDir,
      databaseUrl: cluster.url,
      startTimeoutMs: 60_000,
      onOutput: (output) => {
        if (/Waiting for the database to accept connections/.test(output)) sawWaiting();
      },
    });
    await Promise.race([waiting, starting.then(() => undefined)]);
    await cluster.start();
    server = await starting;
    expect(server.output()).toMatch(/Waiting for the database to accept connections/);
    expect(await ready()).toBe(true);
    const cookie = await signIn(0);
    const res = await fetch(`${server.url}/api/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ items: [syncItem()] }),
    });
    expect(res.status, server.output()).toBe(200);
  }, 60_000);
});
