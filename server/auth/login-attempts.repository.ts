import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/**
 * Sign-in attempts that count toward lockout. A row is written before the password is checked (so a
 * burst of parallel guesses is counted as it arrives), kept if the attempt fails and cleared when the
 * account signs in. Only rows inside the lockout window matter; older ones are pruned.
 */
export async function insertLoginAttempt(
  db: Kysely<Database>,
  attempt: { id: string; at: string; email: string; ip: string | null },
): Promise<void> {
  await db.insertInto("login_attempts").values(attempt).execute();
}

/** Times of the attempts since `since` for an email or an address, oldest first. */
export async function attemptTimes(
  db: Kysely<Database>,
  by: { email: string } | { ip: string },
  since: string,
): Promise<{ id: string; at: string }[]> {
  let query = db.selectFrom("login_attempts").select(["id", "at"]).where("at", ">", since);
  query = "email" in by ? query.where("email", "=", by.email) : query.where("ip", "=", by.ip);
  return query.orderBy("at").orderBy("id").execute();
}

export async function deleteLoginAttempt(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("id", "=", id).execute();
}

/** A successful sign-in wipes the email's slate (not the address's: other emails may be under attack). */
export async function clearLoginAttempts(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("email", "=", email).execute();
}

export async function pruneLoginAttempts(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("at", "<=", before).execute();
}
