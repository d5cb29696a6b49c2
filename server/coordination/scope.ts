import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { assertAreaInScope } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findUserById, type UserRow } from "../users/users.repository.ts";

/**
 * Area scope for coordination lists and for the people coordinators act on. A coordinator works in
 * their own area; an administrator in all of them.
 */

/** The area a list is limited to: the one asked for (which must be in scope), else the caller's own. */
export function listArea(user: SessionUser, requested: string | undefined): string | null {
  if (requested !== undefined) {
    assertAreaInScope(user, requested);
    return requested;
  }
  return user.areaId;
}

/**
 * Someone the caller may act on: any account for an administrator, an account of their own area for
 * anyone scoped to one. An account elsewhere is answered as not found, so its existence is not shown.
 */
export async function personInScope(
  db: Kysely<Database>,
  user: SessionUser,
  userId: string,
): Promise<UserRow> {
  const row = userId.length <= 64 ? await findUserById(db, userId) : undefined;
  if (!row || (user.areaId !== null && row.area_id !== user.areaId)) {
    throw new ProblemError("user_not_found");
  }
  return row;
}

/** Today's date in UTC, YYYY-MM-DD: the day due dates and refreshers are compared with. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
