import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { newToken, tokenId } from "./tokens.ts";

export async function createSetupToken(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  hours: number,
): Promise<string> {
  const { token, id } = newToken();
  await db
    .insertInto("setup_tokens")
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** Marks the token used and returns its user, or undefined if it is unknown, used or expired. */
export async function consumeSetupToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const result = await db
    .updateTable("setup_tokens")
    .set({ used_at: now.toISOString() })
    .where("id", "=", tokenId(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .returning("user_id")
    .executeTakeFirst();
  return result?.user_id;
}

/** The user a live token belongs to, without using it up (to check the new password first). */
export async function findSetupTokenUser(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("setup_tokens")
    .select("user_id")
    .where("id", "=", tokenId(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row?.user_id;
}

/**
 * Ends every unused one-time link of an account (invitation, setup or password reset): on disabling
 * it, and before a new reset link is issued so only the newest works. Returns how many were live.
 */
export async function retireUserSetupTokens(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable("setup_tokens")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
