import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

export interface StoredUploadKey {
  keyId: string;
  key: string;
  created: boolean;
}

/**
 * The tablet's upload key, made the first time it is asked for. Two first requests at once meet on
 * the primary key: one insert wins and both answer the stored key.
 */
export async function uploadKeyFor(
  db: Kysely<Database>,
  deviceId: string,
  now: Date,
): Promise<StoredUploadKey> {
  const existing = await find(db, deviceId);
  if (existing) return { ...existing, created: false };
  const fresh = { keyId: randomBytes(9).toString("base64url"), key: randomBytes(32).toString("base64url") };
  const inserted = await db
    .insertInto("device_upload_keys")
    .values({ device_id: deviceId, key_id: fresh.keyId, key: fresh.key, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("device_id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { ...fresh, created: true };
  const winner = await find(db, deviceId);
  if (!winner) throw new Error("device upload key vanished after a conflicting insert");
  return { ...winner, created: false };
}

async function find(
  db: Kysely<Database>,
  deviceId: string,
): Promise<{ keyId: string; key: string } | undefined> {
  const row = await db
    .selectFrom("device_upload_keys")
    .select(["key_id", "key"])
    .where("device_id", "=", deviceId)
    .executeTakeFirst();
  return row && { keyId: row.key_id, key: row.key };
}
