import type { MiddlewareHandler } from "hono";
import { type Role, roles } from "../../shared/contract/roles.ts";
import type { AppEnv, SessionUser } from "./app-env.ts";
import { ProblemError } from "./problem.ts";

/**
 * Who may call each route, in one table. Every API route is registered with `allow(key)`, so a route
 * missing from this table does not compile. Area scope depends on the data and is checked in the
 * handler with `assertAreaInScope`.
 */
const everyone: readonly Role[] = roles;
const fieldworkers: readonly Role[] = ["admin", "coordinator", "peer_researcher"];
const analysts: readonly Role[] = ["admin", "coordinator", "evaluator"];

export const policy = {
  "POST /api/auth/login": "public",
  "POST /api/auth/setup": "public",
  "POST /api/auth/logout": "public",
  "GET /api/auth/me": everyone,
  "POST /api/auth/logout-all": everyone,
  "GET /api/areas": everyone,
  "POST /api/areas": ["admin"],
  "GET /api/users": ["admin", "coordinator"],
  "POST /api/users": ["admin", "coordinator"],
  "POST /api/users/:id/disable": ["admin"],
  "POST /api/users/:id/enable": ["admin"],
  "PUT /api/users/:id/role": ["admin"],
  "GET /api/audit": ["admin"],
  "GET /api/surveys": everyone,
  "GET /api/surveys/:id/versions/:version": everyone,
  "GET /api/editor/surveys": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys": ["expert", "coordinator", "admin"],
  "POST /api/editor/check": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/draft": ["expert", "coordinator", "admin"],
  "PUT /api/editor/surveys/:id/draft": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/export": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/comments": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/suggestions": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/suggestions/:suggestionId/accept": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/suggestions/:suggestionId/decline": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/status": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/signoffs": ["expert"],
  "POST /api/editor/surveys/:id/publish": ["coordinator", "admin"],
  "GET /api/editor/surveys/:id/versions": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/diff": ["expert", "coordinator", "admin"],
  "POST /api/sync": fieldworkers,
  "GET /api/stats/response-counts": analysts,
  "GET /api/outcomes/map": analysts,
  "GET /api/outcomes/:outcomeId": analysts,
  "GET /api/settings/suppression": ["admin"],
  "PUT /api/settings/suppression": ["admin"],
  "GET /api/review/responses": ["admin", "coordinator"],
  "GET /api/review/responses/:id": ["admin", "coordinator"],
  "POST /api/review/responses/:id/decision": ["admin", "coordinator"],
  "POST /api/review/responses/:id/comments": ["admin", "coordinator"],
  "GET /api/withdrawals": ["admin", "coordinator"],
  "GET /api/withdrawals/preview": ["admin", "coordinator"],
  "POST /api/withdrawals": ["admin", "coordinator"],
  "GET /api/retention": ["admin"],
  "POST /api/retention/settings": ["admin"],
  "POST /api/retention/deletions": ["admin"],
  "GET /api/exports": analysts,
  "GET /api/exports/:surveyId/:file": analysts,
  "GET /api/areas/:id/support-services": fieldworkers,
  "POST /api/safeguarding": fieldworkers,
  "GET /api/safeguarding": ["admin", "coordinator"],
  "POST /api/debriefs": fieldworkers,
  "GET /api/followups/schedules": ["admin", "coordinator", "peer_researcher", "evaluator"],
  "PUT /api/followups/schedules/:surveyId": ["admin"],
  "GET /api/followups/due": fieldworkers,
  "POST /api/followups/reschedules": fieldworkers,
  // Coordination (issue 8): running fieldwork in an area and looking after the people who do it.
  "GET /api/invitations": ["admin", "coordinator"],
  "POST /api/invitations": ["admin", "coordinator"],
  "POST /api/invitations/:userId/renew": ["admin", "coordinator"],
  "GET /api/area-settings/:areaId": ["admin", "coordinator"],
  "PUT /api/area-settings/:areaId": ["admin", "coordinator"],
  "PUT /api/area-settings/:areaId/targets": ["admin", "coordinator"],
  "GET /api/devices": ["admin", "coordinator"],
  "POST /api/devices/enrolment-codes": ["admin", "coordinator"],
  "POST /api/devices/enrol": fieldworkers,
  "POST /api/devices/:id/revoke": ["admin", "coordinator"],
  // Provenance (issue 14, decision 0025): what one tablet collected is for the data manager only.
  "GET /api/devices/:id/interviews": ["admin"],
  // Peer researchers read their own area's rule so a tablet that could never upload says so before "Start" (issue 15).
  "GET /api/devices/upload-rules/:areaId": ["admin", "coordinator", "peer_researcher"],
  "PUT /api/devices/upload-rules/:areaId": ["admin", "coordinator"],
  "GET /api/assignments": ["admin", "coordinator"],
  "POST /api/assignments": ["admin", "coordinator"],
  "POST /api/assignments/:id/status": fieldworkers,
  "GET /api/progress": ["admin", "coordinator"],
  "GET /api/safeguarding-queue": ["admin", "coordinator"],
  "POST /api/safeguarding-queue/:id/acknowledge": ["admin", "coordinator"],
  "POST /api/safeguarding-queue/:id/actions": ["admin", "coordinator"],
  "POST /api/safeguarding-queue/:id/close": ["admin", "coordinator"],
  "GET /api/debriefs": fieldworkers,
  "GET /api/participation-plans": ["admin", "coordinator"],
  "PUT /api/participation-plans/:userId": ["admin", "coordinator"],
  "GET /api/rewards": ["admin", "coordinator"],
  "POST /api/rewards": ["admin", "coordinator"],
  "GET /api/rewards/statements/:userId": ["admin", "coordinator"],
  "GET /api/training": ["admin", "coordinator"],
  "POST /api/training": ["admin", "coordinator"],
  "GET /api/me/readiness": everyone,
  "GET /api/me/training": everyone,
  "GET /api/me/participation-plan": everyone,
  "PUT /api/me/participation-plan": everyone,
  "GET /api/me/rewards": everyone,
  "GET /api/me/rewards/statement": everyone,
  "GET /api/me/assignments": fieldworkers,
  // Account security (issue 14): a signed-in person changes their password; a reset link for someone
  // who forgot theirs (a coordinator only for researchers and experts in their own area).
  "POST /api/auth/password": everyone,
  "POST /api/users/:id/reset-link": ["admin", "coordinator"],
} as const satisfies Record<string, "public" | readonly Role[]>;

export type RouteKey = keyof typeof policy;

export function allow(key: RouteKey): MiddlewareHandler<AppEnv> {
  const rule: "public" | readonly Role[] = policy[key];
  return async (c, next) => {
    if (rule !== "public") {
      const user = c.get("user");
      if (!user) throw new ProblemError("not_signed_in");
      if (!rule.includes(user.role))
        throw new ProblemError("forbidden_role", `${key} is not open to ${user.role}.`);
    }
    await next();
  };
}

export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new ProblemError("not_signed_in");
  return user;
}

/** A user with an area works only in that area; a user without one (admin, national evaluator) in all. */
export function inScope(user: SessionUser, areaId: string): boolean {
  return user.areaId === null || user.areaId === areaId;
}

export function assertAreaInScope(user: SessionUser, areaId: string): void {
  if (!inScope(user, areaId))
    throw new ProblemError("forbidden_area", `Area "${areaId}" is outside your scope.`);
}
