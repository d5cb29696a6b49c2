import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { DatabaseHealth } from "../../server/db/availability.ts";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { testDialect } from "../helpers/dialect.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext, testConfig } from "../helpers/test-app.ts";

// Issue 21 on SQLite: the disk fills (SQLite's max_page_count stands in for a small file system) or the
// file turns read-only while tablets sync. The batch is refused whole with a clear problem and
// Retry-After, nothing half-stored, the outage logged once, and the server carries on when space returns.

let t: TestContext;
let lines: string[];
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeEach(async () => {
  t = await createTestContext();
  lines = [];
  app = createApp({
    db: t.db,
    config: testConfig,
    now: () => NOW,
    validators: t.validators,
    health: new DatabaseHealth((line) => lines.push(line)),
  });
  cookie = await t.signIn("peer_researcher");
});
afterEach(async () => {
  await t.close();
});

const post = (items: SyncItem[]) =>
  app.request("/api/sync", {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ items }),
  });

async function storedOf(items: SyncItem[]): Promise<number> {
  const row = await t.db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll().as("n"))
    .where(
      "id",
      "in",
      items.map((i) => i.id),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function pragma(statement: string): Promise<unknown> {
  const { rows } = await sql.raw(`PRAGMA ${statement}`).execute(t.db);
  return Object.values((rows[0] ?? {}) as Record<string, unknown>)[0];
}

/** A batch big enough to need more pages than the full database has left. */
const bigBatch = () =>
  Array.from({ length: 40 }, () => {
    const item = syncItem();
    return { ...item, data: { ...item.data, accommodation: "hostel" } };
  });

describe.runIf(testDialect() === "sqlite")("SQLite with no room left", () => {
  it("refuses the batch whole with 507 and Retry-After, logs once, and stores it when space returns", async () => {
    // Warm up: the session and the first batch's rows exist, so what follows is only the new batch.
    expect((await post([syncItem()])).status).toBe(200);
    await pragma("wal_checkpoint(TRUNCATE)");
    const pages = Number(await pragma("page_count"));
    await pragma(`max_page_count = ${pages}`);

    const items = bigBatch();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await post(items);
      expect(res.status).toBe(507);
      expect(res.headers.get("retry-after")).toBe("60");
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.code).toBe("storage_full");
      expect(JSON.stringify(body)).not.toMatch(/SQLITE|page|sqlite/);
      // Nothing acknowledged, nothing half-stored.
      expect(await storedOf(items)).toBe(0);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no space left/);

    // Space comes back (a person freed the disk): the tablet's retry goes through, once.
    await pragma("max_page_count = 1073741823");
    const retry = await post(items);
    expect(retry.status).toBe(200);
    const results = ((await retry.json()) as SyncResponse).results;
    expect(results.every((r) => r.outcome === "accepted")).toBe(true);
    expect(await storedOf(items)).toBe(items.length);
    expect(lines.at(-1)).toMatch(/reachable again/);
    expect(await pragma("integrity_check")).toBe("ok");
  });

  it("answers 503 while the file is read-only, keeps nothing half-stored, and carries on afterwards", async () => {
    expect((await post([syncItem()])).status).toBe(200);
    await pragma("query_only = 1");
    const items = bigBatch();
    const res = await post(items);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { code: string }).code).toBe("database_unavailable");
    expect(await storedOf(items)).toBe(0);
    await pragma("query_only = 0");
    const retry = await post(items);
    expect(retry.status).toBe(200);
    expect(await storedOf(items)).toBe(items.length);
    expect(lines).toHaveLength(2);
    expect(await pragma("integrity_check")).toBe("ok");
  });
});
