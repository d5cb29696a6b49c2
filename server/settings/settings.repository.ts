import type { Kysely } from "kysely";
import { DEFAULT_SUPPRESSION_THRESHOLD } from "../../shared/stats/suppress.ts";
import type { Database } from "../db/schema.ts";

/** Run-time settings, one row per key with its value as JSON text. */

const SUPPRESSION_K = "suppression_k";

export interface SuppressionThreshold {
  k: number;
  /** Null while the default is in force. */
  updatedAt: string | null;
}

/** The small-number threshold in force: the administrator's choice, or the design's default of 5. */
export async function suppressionThreshold(db: Kysely<Database>): Promise<SuppressionThreshold> {
  const row = await db
    .selectFrom("settings")
    .select(["value", "updated_at"])
    .where("key", "=", SUPPRESSION_K)
    .executeTakeFirst();
  const k = row ? Number(JSON.parse(row.value)) : Number.NaN;
  // A value that is not a whole number >= 1 cannot have been written by this application: fall back.
  if (!row || !Number.isInteger(k) || k < 1) return { k: DEFAULT_SUPPRESSION_THRESHOLD, updatedAt: null };
  return { k, updatedAt: row.updated_at };
}

export async function setSuppressionThreshold(
  db: Kysely<Database>,
  k: number,
  by: { userId: string; now: Date },
): Promise<void> {
  const values = { value: JSON.stringify(k), updated_at: by.now.toISOString(), updated_by: by.userId };
  await db
    .insertInto("settings")
    .values({ key: SUPPRESSION_K, ...values })
    .onConflict((oc) => oc.column("key").doUpdateSet(values))
    .execute();
}
