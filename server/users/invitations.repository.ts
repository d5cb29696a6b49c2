import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { UserRow } from "./users.repository.ts";

/** Accounts whose owner has not chosen a password yet, in an area or all. */
export async function listPendingAccounts(db: Kysely<Database>, areaId: string | null): Promise<UserRow[]> {
  let query = db
    .selectFrom("users")
    .selectAll()
    .where("password_hash", "is", null)
    .where("disabled", "=", 0)
    .orderBy("created_at", "desc")
    .limit(500);
  if (areaId !== null) query = query.where("area_id", "=", areaId);
  return query.execute();
}

/** The latest expiry among each account's unused setup links. */
export async function latestSetupLinkExpiry(
  db: Kysely<Database>,
  userIds: string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("setup_tokens")
    .select(["user_id", (eb) => eb.fn.max("expires_at").as("expires_at")])
    .where("user_id", "in", userIds)
    .where("used_at", "is", null)
    .groupBy("user_id")
    .execute();
  return new Map(rows.map((r) => [r.user_id, String(r.expires_at)]));
}

/** Ends every unused link of an account, so only the newest one works. */
export async function retireSetupLinks(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("setup_tokens")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}
