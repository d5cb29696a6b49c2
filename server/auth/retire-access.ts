import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { deleteUserSessions } from "./sessions.repository.ts";
import { retireUserSetupTokens } from "./setup-tokens.repository.ts";

export interface RetiredAccess {
  sessionsEnded: number;
  linksRetired: number;
  devicesRevoked: number;
  enrolmentCodesRetired: number;
}

/**
 * Everything that lets a person in, retired at once when their account is disabled (issue 14,
 * finding 9): sessions, one-time links (invitation, setup, reset), the tablets enrolled for them and
 * enrolment codes not yet used. Enabling the account again restores none of it: the person needs a new
 * link or a fresh enrolment, which someone has to issue on purpose. Call it inside a transaction.
 */
export async function retireAccess(
  db: Kysely<Database>,
  userId: string,
  by: { actorId: string; now: Date },
): Promise<RetiredAccess> {
  const at = by.now.toISOString();
  const sessionsEnded = await deleteUserSessions(db, userId);
  const linksRetired = await retireUserSetupTokens(db, userId, by.now);
  const devices = await db
    .updateTable("devices")
    .set({ revoked_at: at, revoked_by: by.actorId })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const codes = await db
    .updateTable("device_enrolment_codes")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return {
    sessionsEnded,
    linksRetired,
    devicesRevoked: Number(devices.numUpdatedRows),
    enrolmentCodesRetired: Number(codes.numUpdatedRows),
  };
}
