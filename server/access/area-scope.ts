import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { findUserById, type UserRow } from "../users/users.repository.ts";

/**
 * Area scope: which areas and which people a signed-in user may act on. A user with an area (a
 * coordinator, a peer researcher, an expert) works only in that area; a user without one (an
 * administrator, the national evaluator) in all of them. The role table that says who may call each
 * route is `server/http/policy.ts`; this module says where, once the route has let them in.
 */

/** A user with an area works only in that area; a user without one (admin, national evaluator) in all. */
export function inScope(user: SessionUser, areaId: string): boolean {
  return user.areaId === null || user.areaId === areaId;
}

export function assertAreaInScope(user: SessionUser, areaId: string): void {
  if (!inScope(user, areaId))
    throw new ProblemError("forbidden_area", `Area "${areaId}" is outside your scope.`);
}

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
