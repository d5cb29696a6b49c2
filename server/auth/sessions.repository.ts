import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { UserRow } from "../users/users.repository.ts";
import { newToken, tokenId } from "./tokens.ts";

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
    .values({ id, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  return { token, expiresAt };
}

export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<UserRow | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .where("sessions.id", "=", tokenId(token))
    .where("sessions.expires_at", ">", now.toISOString())
    .where("users.disabled", "=", 0)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", tokenId(token)).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
}
