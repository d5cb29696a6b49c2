import { createServer, type Socket } from "node:net";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../server/app.ts";
import { classifyDatabaseError, DatabaseHealth } from "../../server/db/availability.ts";
import { openPostgres, serviceTimeouts } from "../../server/db/connect.ts";
import type { Lifecycle } from "../../server/http/app-env.ts";
import { READY_CHECK_MS } from "../../server/http/health.routes.ts";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { freePort } from "../helpers/server-process.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext, testConfig } from "../helpers/test-app.ts";

// Issue 21: the database going away underneath the server is a pause with a clear 503 and Retry-After,
// never a hang or a crash; /healthz and /readyz tell a load balancer the truth.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

/** An app over the test database with the given lifecycle and a health tracker whose log we read. */
function appWith(options: { lifecycle?: Lifecycle; db?: TestContext["db"] } = {}) {
  const lines: string[] = [];
  const health = new DatabaseHealth((line) => lines.push(line));
  const app = createApp({
    db: options.db ?? t.db,
    config: testConfig,
    now: () => NOW,
    validators: t.validators,
    health,
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
  });
  return { app, lines, health };
}

describe("health endpoints", () => {
  it("/healthz says the process is alive, with nothing else in it, and keeps the security headers", async () => {
    const res = await t.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("/readyz is ready on a migrated database and answers the same to everyone", async () => {
    const anonymous = await t.request("/readyz");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toBe("ready");
    for (const role of ["admin", "coordinator", "peer_researcher", "evaluator", "expert"] as const) {
      const cookie = await t.signIn(role);
      const res = await t.request("/readyz", { cookie });
      expect(res.status, role).toBe(200);
      expect(await res.text(), role).toBe("ready");
    }
    // A junk or hostile cookie is not even read: the endpoint is outside /api.
    const hostile = await t.request("/readyz", {
      cookie: `alongside_session=${"'; drop table users; --".repeat(20)}`,
    });
    expect(hostile.status).toBe(200);
  });

  it("answers only GET (and HEAD); anything else is the plain not-found problem", async () => {
    expect((await t.request("/readyz", { method: "HEAD" })).status).toBe(200);
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await t.request("/readyz", { method, body: "x".repeat(100_000) });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await t.request("/readyz/../api/audit")).status).not.toBe(200);
  });

  it("/readyz is not ready while the server drains for a shutdown", async () => {
    const lifecycle: Lifecycle = { draining: false };
    const { app } = appWith({ lifecycle });
    expect((await app.request("/readyz")).status).toBe(200);
    lifecycle.draining = true;
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("not ready");
    expect(res.headers.get("retry-after")).toBe("5");
    // Alive all the same: a service manager must not restart a server that is shutting down cleanly.
    expect((await app.request("/healthz")).status).toBe(200);
  });

  it("/readyz is not ready when a migration this release needs has not run", async () => {
    await sql`delete from kysely_migration where name = ${"2026-11-26-10-part-checks"}`.execute(t.db);
    const res = await t.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("not ready");
  });

  it("/readyz stays ready when a newer release has added a migration this one does not know", async () => {
    await sql`insert into kysely_migration (name, timestamp) values (${"2099-01-01-01-newer"}, ${NOW.toISOString()})`.execute(
      t.db,
    );
    expect((await t.request("/readyz")).status).toBe(200);
  });
});

describe("a database that cannot be reached", () => {
  it("answers 503 database_unavailable with Retry-After at once, /readyz false, and logs it once", async () => {
    // A PostgreSQL address where nothing listens: what every instance sees while the database restarts.
    const port = await freePort();
    const gone = openPostgres(`postgres://nobody:nothing@127.0.0.1:${port}/none`, 2);
    try {
      const { app, lines } = appWith({ db: gone.db });
      const started = Date.now();
      for (let i = 0; i < 3; i += 1) {
        const res = await app.request("/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "a@example.org", password: "whatever it is" }),
        });
        expect(res.status).toBe(503);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(res.headers.get("retry-after")).toBe("5");
        const body = (await res.json()) as Record<string, unknown>;
        expect(body.code).toBe("database_unavailable");
        // Nothing about the internals: no address, driver message or stack.
        expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres|stack/i);
      }
      // An answer that never asked the database (an unknown path) does not end the outage in the log.
      expect((await app.request("/api/nowhere")).status).toBe(404);
      const ready = await app.request("/readyz");
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(serviceTimeouts.connectMs);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/unreachable/);
    } finally {
      await gone.close();
    }
  });

  it("never hangs on a database host that takes the connection and then says nothing", async () => {
    // What a failover's old address or a network partition looks like: TCP connects, no answer comes.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const gone = openPostgres(`postgres://nobody:nothing@127.0.0.1:${port}/none`, 2);
    try {
      const { app } = appWith({ db: gone.db });
      let started = Date.now();
      expect((await app.request("/readyz")).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(READY_CHECK_MS + 500);
      started = Date.now();
      const res = await app.request("/api/auth/me", { headers: { cookie: "alongside_session=abc" } });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(Date.now() - started).toBeLessThan(serviceTimeouts.connectMs + 1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await gone.close();
    }
  });

  it("tells outages from bugs", () => {
    const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
    expect(classifyDatabaseError(coded("ECONNREFUSED"))).toBe("unavailable");
    expect(classifyDatabaseError(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    expect(classifyDatabaseError(new Error("timeout exceeded when trying to connect"))).toBe("unavailable");
    expect(classifyDatabaseError(coded("57P01", "terminating connection due to administrator command"))).toBe(
      "unavailable",
    );
    expect(classifyDatabaseError(coded("57P03", "the database system is starting up"))).toBe("unavailable");
    expect(classifyDatabaseError(coded("08006"))).toBe("unavailable");
    expect(classifyDatabaseError(coded("57014", "canceling statement due to statement timeout"))).toBe(
      "unavailable",
    );
    expect(classifyDatabaseError(coded("SQLITE_FULL"))).toBe("full");
    expect(classifyDatabaseError(coded("53100", "could not extend file"))).toBe("full");
    expect(classifyDatabaseError(coded("SQLITE_READONLY"))).toBe("unavailable");
    expect(classifyDatabaseError(coded("SQLITE_IOERR_WRITE"))).toBe("unavailable");
    expect(classifyDatabaseError(new Error("wrapped", { cause: coded("ECONNRESET") }))).toBe("unavailable");
    // Bugs and bad requests stay 500/4xx.
    expect(classifyDatabaseError(new TypeError("x is undefined"))).toBeNull();
    expect(classifyDatabaseError(coded("23505", "duplicate key"))).toBeNull();
    expect(classifyDatabaseError(coded("42P01", "relation does not exist"))).toBeNull();
    expect(classifyDatabaseError(coded("SQLITE_CONSTRAINT_UNIQUE"))).toBeNull();
    expect(classifyDatabaseError(coded("SQLITE_CORRUPT"))).toBeNull();
    expect(classifyDatabaseError(coded("40P01", "deadlock detected"))).toBeNull();
  });
});

/** Fails the `nth` statement of the sync transaction with a connection error, as a database dying would. */
class CutAfter implements KyselyPlugin {
  seen = 0;
  armed = true;
  constructor(private readonly nth: number) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const write =
      node.kind === "InsertQueryNode" ||
      node.kind === "UpdateQueryNode" ||
      (node.kind === "RawNode" && /\bINSERT\b/i.test(node.sqlFragments.join("?")));
    if (this.armed && write) {
      this.seen += 1;
      if (this.seen === this.nth) {
        this.armed = false;
        throw Object.assign(new Error("Connection terminated unexpectedly"), {});
      }
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describe("a sync batch cut in half", () => {
  it("stores nothing of it, answers 503, and the tablet's retry stores every item exactly once", async () => {
    const cookie = await t.signIn("peer_researcher");
    const items: SyncItem[] = Array.from({ length: 12 }, () => syncItem());
    // Cut at the second write of the batch: the first (responses) has run inside the transaction.
    const cut = new CutAfter(2);
    const { app, lines } = appWith({ db: t.db.withPlugin(cut) });
    const post = () =>
      app.request("/api/sync", {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ items }),
      });
    const first = await post();
    expect(cut.seen).toBe(2);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("5");
    const ids = items.map((i) => i.id);
    const stored = async () =>
      Number(
        (
          await t.db
            .selectFrom("responses")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("id", "in", ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await stored()).toBe(0);
    expect(lines).toHaveLength(1);

    const retry = await post();
    expect(retry.status).toBe(200);
    const results = ((await retry.json()) as SyncResponse).results;
    expect(results.map((r) => r.outcome)).toEqual(items.map(() => "accepted"));
    expect(await stored()).toBe(items.length);
    expect(lines.at(-1)).toMatch(/reachable again/);
    // And once more, as a tablet that missed the acknowledgement would: duplicates, nothing new.
    const again = ((await (await post()).json()) as SyncResponse).results;
    expect(again.every((r) => r.outcome === "duplicate")).toBe(true);
    expect(await stored()).toBe(items.length);
  });
});
