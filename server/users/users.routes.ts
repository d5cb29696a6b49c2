import type { Context, Hono } from "hono";
import { RESET_LINK_MINUTES, type ResetLink } from "../../shared/contract/auth.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { usersApi } from "../../shared/contract/users.routes.ts";
import { SetUserRoleRequest } from "../../shared/contract/users.schema.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import { retireAccess } from "../auth/retire-access.ts";
import { createSetupToken, retireUserSetupTokens } from "../auth/setup-tokens.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findUserById,
  listUsers,
  setUserDisabled,
  setUserRole,
  toUser,
  type UserRow,
} from "./users.repository.ts";

/** Roles whose work is tied to one area. */
const AREA_ROLES: readonly Role[] = ["coordinator", "peer_researcher"];
/** What a coordinator may create in their own area; admins create any role. */
const COORDINATOR_CREATES: readonly Role[] = ["peer_researcher", "expert"];

export function usersRoutes(api: Hono<AppEnv>): void {
  mount(api, usersApi.list, {}, async (c) => {
    const user = requireUser(c.get("user"));
    const rows = await listUsers(c.get("deps").db, user.role === "admin" ? null : user.areaId);
    return { users: rows.map(toUser) };
  });

  // People are added only by invitation (invitations.routes.ts): a one-time link with which they
  // choose their own password. No route takes a password someone else chose (issue 15).
  // Disabling ends every session of the account in the same transaction, so the person is signed out
  // everywhere at once; the session check also refuses a disabled account on its next request. It also
  // retires their one-time links and tablets (retireAccess), which enabling does not bring back.
  for (const [route, disabled] of [
    [usersApi.disable, true],
    [usersApi.enable, false],
  ] as const) {
    mount(api, route, {}, async (c, { params }) => {
      const { db, now } = c.get("deps");
      const target = await otherAccount(c, params.id);
      if ((Number(target.disabled) === 1) !== disabled) {
        const actorId = requireUser(c.get("user")).id;
        await db.transaction().execute(async (trx) => {
          await setUserDisabled(trx, target.id, disabled);
          const retired = disabled ? await retireAccess(trx, target.id, { actorId, now: now() }) : null;
          await audit(trx, {
            ...requestOrigin(c),
            at: now(),
            actorId,
            action: disabled ? "user.disable" : "user.enable",
            target: target.id,
            detail: retired ? { email: target.email, ...retired } : { email: target.email },
          });
        });
      }
      return toUser({ ...target, disabled: disabled ? 1 : 0 });
    });
  }

  // "Forgot password" without email: the person asks their coordinator or an administrator, who makes
  // a one-time link here and hands it over (shown once). Older links stop working; using it sets a new
  // password and ends every session (POST /api/auth/setup). A coordinator may do this only for the
  // researchers and experts of their own area, the people they invite: never for another coordinator,
  // an evaluator or an admin (see docs/decisions/0026).
  mount(api, usersApi.resetLink, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const target = await otherAccount(c, params.id);
    if (user.role !== "admin") {
      // Someone outside the coordinator's area is answered as not found, so its existence is not shown.
      if (user.areaId === null || target.area_id !== user.areaId) throw new ProblemError("user_not_found");
      if (!COORDINATOR_CREATES.includes(target.role as Role)) {
        throw new ProblemError(
          "forbidden_role",
          "Ask an administrator to make a reset link for this account.",
        );
      }
    }
    if (Number(target.disabled) === 1) {
      throw new ProblemError(
        "reset_not_allowed",
        "The account is disabled. Enable it first if that is right.",
      );
    }
    const at = now();
    const link = await db.transaction().execute(async (trx): Promise<ResetLink> => {
      const linksRetired = await retireUserSetupTokens(trx, target.id, at);
      const token = await createSetupToken(trx, target.id, at, RESET_LINK_MINUTES / 60);
      const expiresAt = new Date(at.getTime() + RESET_LINK_MINUTES * 60_000).toISOString();
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "user.reset_link",
        target: target.id,
        detail: { email: target.email, expiresAt, linksRetired },
      });
      return { setupPath: `/reset-password#token=${token}`, expiresAt };
    });
    return link;
  });

  mount(api, usersApi.setRole, { body: SetUserRoleRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const target = await otherAccount(c, params.id);
    if (body.areaId === null && AREA_ROLES.includes(body.role)) throw new ProblemError("area_required");
    if (body.areaId !== null && !(await findArea(db, body.areaId))) {
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    }
    if (target.role !== body.role || target.area_id !== body.areaId) {
      await db.transaction().execute(async (trx) => {
        await setUserRole(trx, target.id, body);
        await audit(trx, {
          ...requestOrigin(c),
          at: now(),
          actorId: requireUser(c.get("user")).id,
          action: "user.role_change",
          target: target.id,
          detail: {
            email: target.email,
            from: { role: target.role, areaId: target.area_id },
            to: { role: body.role, areaId: body.areaId },
          },
        });
      });
    }
    return toUser({ ...target, role: body.role, area_id: body.areaId });
  });
}

/** The account named by `:id`, which must exist and must not be the caller's own. */
async function otherAccount(c: Context<AppEnv>, id: string): Promise<UserRow> {
  const user = requireUser(c.get("user"));
  const row = id.length <= 64 ? await findUserById(c.get("deps").db, id) : undefined;
  if (!row) throw new ProblemError("user_not_found");
  if (row.id === user.id) throw new ProblemError("cannot_change_own_account");
  return row;
}
