import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** The retention period lives in the run-time `settings` table, as JSON text under this key. */
const KEY = "retention_months";

export async function readRetentionMonths(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const value: unknown = row ? JSON.parse(row.value) : null;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

export async function writeRetentionMonths(
  db: Kysely<Database>,
  months: number | null,
  by: { userId: string; at: Date },
): Promise<void> {
  const values = { value: JSON.stringify(months), updated_at: by.at.toISOString(), updated_by: by.userId };
  await db
    .insertInto("settings")
    .values({ key: KEY, ...values })
    .onConflict((oc) => oc.column("key").doUpdateSet(values))
    .execute();
}
