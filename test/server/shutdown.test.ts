import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.ts";
import { openSqlite } from "../../server/db/connect.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import { testDialect } from "../helpers/dialect.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { NOW, seedTestDatabase, TEST_SURVEY_ID } from "../helpers/test-database.ts";

// Issue 21: on SIGTERM the real server stops taking connections, lets the requests in flight finish
// (for a bounded time), closes its database and exits 0, so a service manager or a rolling restart
// loses nothing a tablet was sending.

const PASSWORD = "correct horse battery staple";
let dir: string | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill("SIGKILL");
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<{ server: ServerProcess; cookie: string }> {
  dir = mkdtempSync(join(tmpdir(), "alongside-shutdown-"));
  const setup = openSqlite(join(dir, "alongside.sqlite"));
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
  const running = await startServerProcess({ dataDir: dir, env, startTimeoutMs: 60_000 });
  server = running;
  const res = await fetch(`${running.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "tablet@example.org", password: PASSWORD }),
  });
  expect(res.status, running.output()).toBe(200);
  return { server: running, cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** A sync whose body arrives in two parts, so the request is surely in flight between them. */
function slowSync(url: string, cookie: string, body: string) {
  const { hostname, port } = new URL(url);
  let sendRest: () => void = () => undefined;
  const answered = new Promise<{ status: number; text: string }>((done, fail) => {
    const req = request(
      {
        hostname,
        port,
        path: "/api/sync",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on("end", () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", fail);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    sendRest = () => req.end(body.slice(half));
  });
  return { answered, sendRest: () => sendRest() };
}

function exitOf(running: ServerProcess): Promise<{ code: number | null; signal: string | null }> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) {
    return Promise.resolve({ code: running.child.exitCode, signal: running.child.signalCode });
  }
  return new Promise((done) => running.child.once("exit", (code, signal) => done({ code, signal })));
}

const refused = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );

describe.runIf(testDialect() === "sqlite")("stopping the server with SIGTERM", () => {
  it("finishes the sync in flight, refuses new connections, closes the database and exits 0", async () => {
    const { server: running, cookie } = await start();
    const items = Array.from({ length: 20 }, () => syncItem({ surveyId: TEST_SURVEY_ID }));
    const upload = slowSync(running.url, cookie, JSON.stringify({ items }));
    await new Promise((resume) => setTimeout(resume, 200));
    const exited = exitOf(running);
    running.child.kill("SIGTERM");
    await new Promise((resume) => setTimeout(resume, 300));
    // Draining: no new connection is taken, but the one in flight is still served.
    expect(await refused(running.url)).toBe(true);
    upload.sendRest();
    const answer = await upload.answered;
    expect(answer.status, running.output()).toBe(200);
    expect(
      (JSON.parse(answer.text) as { results: { outcome: string }[] }).results.map((r) => r.outcome),
    ).toEqual(items.map(() => "accepted"));
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(running.output()).toMatch(/Stopping \(SIGTERM\)/);
    expect(running.output()).toMatch(/Stopped\./);
    // Everything acknowledged is in the file, and the file is whole.
    const sqlite = new SQLite(join(dir ?? "", "alongside.sqlite"));
    try {
      expect(String(sqlite.pragma("integrity_check", { simple: true }))).toBe("ok");
      const has = sqlite.prepare("SELECT count(*) AS n FROM responses WHERE id = ?");
      expect(items.every((item) => (has.get(item.id) as { n: number }).n === 1)).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  it("cuts off a request that does not finish within the grace period and still exits 0", async () => {
    const { server: running, cookie } = await start({ DRAIN_SECONDS: "1" });
    const stuck = slowSync(running.url, cookie, JSON.stringify({ items: [syncItem()] }));
    stuck.answered.catch(() => undefined);
    await new Promise((resume) => setTimeout(resume, 200));
    const exited = exitOf(running);
    const started = Date.now();
    running.child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
    expect(running.output()).toMatch(/cut off/);
  });
});
