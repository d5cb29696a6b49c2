import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { UserRow } from "../users/users.repository.ts";
import { newToken, tokenId } from "./tokens.ts";

/** A session unused for this long ends, unless the configuration says otherwise. */
export const DEFAULT_IDLE_MINUTES = 120;
/** `last_seen_at` moves at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Sessions live in the database, so any server instance can answer any request. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  hours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, id } = newToken();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

/**
 * The user behind a session token, if the session has neither reached its absolute expiry nor sat
 * unused for `idleMinutes`, and the account is not disabled. Using the session keeps it alive.
 */
export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
  now: Date,
  idleMinutes: number = DEFAULT_IDLE_MINUTES,
): Promise<UserRow | undefined> {
  const id = tokenId(token);
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select("sessions.last_seen_at as session_last_seen_at")
    .where("sessions.id", "=", id)
    .where("sessions.expires_at", ">", now.toISOString())
    .where("sessions.last_seen_at", ">", idleSince)
    .where("users.disabled", "=", 0)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_last_seen_at: lastSeen, ...user } = row;
  if (lastSeen === null || Date.parse(lastSeen) <= now.getTime() - TOUCH_EVERY_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
  }
  return user;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", tokenId(token)).execute();
}

/** Ends every session of one account: "sign out everywhere", and disabling an account. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions past their absolute expiry or idle too long; swept at each sign-in so the table stays small. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: Date,
  idleMinutes: number = DEFAULT_IDLE_MINUTES,
): Promise<void> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now.toISOString()), eb("last_seen_at", "<=", idleSince)]))
    .execute();
}

/** Ends every session of an account but the one making the request (after a password change). */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepToken: string,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "!=", tokenId(keepToken))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
