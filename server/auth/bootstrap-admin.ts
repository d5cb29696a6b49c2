import type { Kysely } from "kysely";
import { createSetupToken } from "../auth/setup-tokens.repository.ts";
import type { Database } from "../db/schema.ts";
import { insertUser } from "../users/users.repository.ts";

export const FIRST_ADMIN_EMAIL = "admin@alongside.local";
const SETUP_LINK_HOURS = 24;

/**
 * On a new installation there is no one to log in as. Until an admin has a password, every start makes
 * a fresh one-time link (valid for a day) with which the first admin chooses theirs; no default
 * password ever exists.
 */
export async function firstAdminSetupLink(
  db: Kysely<Database>,
  publicUrl: string,
  now: Date,
): Promise<string | null> {
  const ready = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("password_hash", "is not", null)
    .executeTakeFirst();
  if (ready) return null;
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", FIRST_ADMIN_EMAIL)
    .executeTakeFirst();
  const adminId =
    existing?.id ??
    (
      await insertUser(
        db,
        {
          email: FIRST_ADMIN_EMAIL,
          displayName: "Administrator",
          role: "admin",
          areaId: null,
          passwordHash: null,
        },
        now,
      )
    ).id;
  const token = await createSetupToken(db, adminId, now, SETUP_LINK_HOURS);
  return `${publicUrl.replace(/\/$/, "")}/setup#token=${token}`;
}
