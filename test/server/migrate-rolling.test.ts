import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { migrateToLatest, migrationState } from "../../server/db/migrate.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../helpers/test-app.ts";

// Issue 21, rolling restarts: while the next release migrates, an instance of the previous one must keep
// working on the database it finds migrated beyond what it knows (migrations only add: expand/contract,
// docs/decisions/0028-database-outages.md), and must refuse clearly a history it cannot trust.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

/** What a next release's additive migration would do: a new table, a new nullable column, its record. */
async function migrateAsNewerRelease(name: string): Promise<void> {
  await sql`create table future_notes (id text primary key, body text)`.execute(t.db);
  await sql`alter table responses add column future_flag text`.execute(t.db);
  await sql`insert into kysely_migration (name, timestamp) values (${name}, ${NOW.toISOString()})`.execute(
    t.db,
  );
}

it("starts on a database a newer release has migrated, says so, and keeps serving syncs", async () => {
  await migrateAsNewerRelease("2099-01-01-01-future-notes");
  const logged: string[] = [];
  expect(await migrateToLatest(t.db, (line) => logged.push(line))).toEqual([]);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatch(/newer release \(2099-01-01-01-future-notes\)/);
  expect(await migrationState(t.db)).toEqual({ missing: [], unknown: ["2099-01-01-01-future-notes"] });

  const cookie = await t.signIn("peer_researcher");
  const items = [syncItem(), syncItem()];
  const res = await t.request("/api/sync", { method: "POST", cookie, json: { items } });
  expect(res.status).toBe(200);
  expect((await t.request("/readyz")).status).toBe(200);
});

it("refuses, naming both sides, a database that ran unknown migrations but not ones this release needs", async () => {
  await migrateAsNewerRelease("2099-01-01-01-future-notes");
  await sql`delete from kysely_migration where name = ${"2026-11-26-10-part-checks"}`.execute(t.db);
  await expect(migrateToLatest(t.db, () => undefined)).rejects.toThrow(
    /has run 2099-01-01-01-future-notes, which this release does not know, but not 2026-11-26-10-part-checks/,
  );
});

it("on a database it knows, migrates as before and logs nothing", async () => {
  const logged: string[] = [];
  expect(await migrateToLatest(t.db, (line) => logged.push(line))).toEqual([]);
  expect(logged).toEqual([]);
});
