import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ARRAY_ROWS } from "../../../server/db/array-rows.ts";
import { databaseTemplate } from "../../helpers/dialect.ts";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

// SQLite only (vitest.config.ts `dialectSpecific`): better-sqlite3 gives a marked statement's rows as
// arrays itself; on PostgreSQL `readArrays` turns objects into arrays (array-rows.test.ts, both).

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(databaseTemplate());
});
afterEach(async () => {
  await t.dispose();
});

it("has SQLite return the marked statement's rows as arrays itself", async () => {
  const { rows } = await sql`${sql.raw(ARRAY_ROWS)}select id, name from areas order by id`.execute(
    t.handle.db,
  );
  expect(rows).toEqual([
    ["north", "Northtown"],
    ["south", "Southport"],
  ]);
});
