import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readArrays } from "../../../server/db/array-rows.ts";
import { databaseTemplate } from "../../helpers/dialect.ts";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(databaseTemplate());
});
afterEach(async () => {
  await t.dispose();
});

describe("rows read as arrays", () => {
  it("gives each row's columns in the order selected, as the objects of the same statement hold them", async () => {
    const { db } = t.handle;
    const statement = sql<Record<string, unknown>>`select region, id, name from areas order by id`;
    const objects = (await statement.execute(db)).rows;
    const arrays = await readArrays(db, statement);
    expect(arrays).toEqual([
      ["North East", "north", "Northtown"],
      ["South West", "south", "Southport"],
    ]);
    expect(arrays).toEqual(objects.map((o) => [o.region, o.id, o.name]));
  });

  it("leaves statements without the mark as objects on the same connection", async () => {
    const { db } = t.handle;
    await readArrays(db, sql`select id from areas`);
    const rows = (await sql<{ id: string }>`select id from areas order by id`.execute(db)).rows;
    expect(rows).toEqual([{ id: "north" }, { id: "south" }]);
  });
});
