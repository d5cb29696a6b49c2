import type { Hono } from "hono";
import { invitationsApi } from "../../shared/contract/invitations.routes.ts";
import { InviteUserRequest } from "../../shared/contract/invitations.schema.ts";
import { INVITATION_HOURS, type Invitation } from "../../shared/contract/invitations.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { assertAreaInScope, personInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import { createSetupToken } from "../auth/setup-tokens.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { latestSetupLinkExpiry, listPendingAccounts, retireSetupLinks } from "./invitations.repository.ts";
import { findUserByEmail, insertUser, toUser } from "./users.repository.ts";

/** The same rules as creating an account with a password (server/users): roles tied to one area… */
const AREA_ROLES: readonly Role[] = ["coordinator", "peer_researcher"];
/** …and what a coordinator may invite into their own area; admins invite any role. */
const COORDINATOR_INVITES: readonly Role[] = ["peer_researcher", "expert"];

const setupPath = (token: string) => `/setup#token=${token}`;

/**
 * Invitations: an account without a password and a one-time link to choose one. Nobody but the
 * invited person ever knows their password, which is why this is the way coordinators add people.
 */
export function invitationsRoutes(api: Hono<AppEnv>): void {
  mount(api, invitationsApi.pending, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const rows = await listPendingAccounts(db, user.areaId);
    const expiries = await latestSetupLinkExpiry(
      db,
      rows.map((r) => r.id),
    );
    const at = now().toISOString();
    const invitations = rows.map((row) => {
      const expiresAt = expiries.get(row.id) ?? null;
      return {
        user: toUser(row),
        invitedAt: row.created_at,
        expiresAt,
        expired: expiresAt === null || expiresAt <= at,
      };
    });
    return { invitations };
  });

  mount(api, invitationsApi.invite, { body: InviteUserRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    if (user.role !== "admin") {
      if (!COORDINATOR_INVITES.includes(body.role)) {
        throw new ProblemError("forbidden_role", `A coordinator cannot invite a ${body.role}.`);
      }
      if (body.areaId === null) throw new ProblemError("forbidden_area", "Choose your own area.");
      assertAreaInScope(user, body.areaId);
    }
    if (body.areaId === null && AREA_ROLES.includes(body.role)) throw new ProblemError("area_required");
    if (body.areaId !== null && !(await findArea(db, body.areaId))) {
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    }
    if (await findUserByEmail(db, body.email)) throw new ProblemError("email_taken");
    const at = now();
    const invitation = await db.transaction().execute(async (trx): Promise<Invitation> => {
      const row = await insertUser(
        trx,
        {
          email: body.email,
          displayName: body.displayName,
          role: body.role,
          areaId: body.areaId,
          passwordHash: null,
        },
        at,
      );
      const token = await createSetupToken(trx, row.id, at, INVITATION_HOURS);
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "user.invite",
        target: row.id,
        detail: { role: body.role, areaId: body.areaId },
      });
      return { user: toUser(row), setupPath: setupPath(token), expiresAt: expiry(at) };
    });
    return invitation;
  });

  mount(api, invitationsApi.renew, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const person = await personInScope(db, user, params.userId);
    if (person.password_hash !== null) throw new ProblemError("invitation_not_pending");
    if (Number(person.disabled) === 1) {
      throw new ProblemError("invitation_not_pending", "The account is disabled: enable it first.");
    }
    if (user.role !== "admin" && !COORDINATOR_INVITES.includes(toUser(person).role)) {
      throw new ProblemError("forbidden_role", `A coordinator cannot invite a ${person.role}.`);
    }
    const at = now();
    const invitation = await db.transaction().execute(async (trx): Promise<Invitation> => {
      await retireSetupLinks(trx, person.id, at);
      const token = await createSetupToken(trx, person.id, at, INVITATION_HOURS);
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "user.invite_renew",
        target: person.id,
      });
      return { user: toUser(person), setupPath: setupPath(token), expiresAt: expiry(at) };
    });
    return invitation;
  });
}

function expiry(at: Date): string {
  return new Date(at.getTime() + INVITATION_HOURS * 3_600_000).toISOString();
}
