import type { MiddlewareHandler } from "hono";
import type { ProblemCode } from "../../shared/contract/problems.ts";
import {
  type AnyRoute,
  everyone,
  fieldworkers,
  type RouteKey as KeyOf,
  routeKey,
  trustedAnalysts,
  type Who,
} from "../../shared/contract/route.ts";
import { declaredRoutes } from "../../shared/contract/routes.ts";
import type { AppEnv, SessionUser } from "./app-env.ts";
import { ProblemError } from "./problem.ts";

/**
 * Who may call each route. Routes declared in `shared/contract/*.routes.ts` carry their own `who` and
 * are mounted with `mount` (docs/decisions/0053); the routes not yet moved there are listed by hand
 * below and registered with `allow(key)`, so a route missing from both does not compile. Area scope
 * depends on the data and is checked in the handler with `assertAreaInScope`.
 */
const handTable = {
  "POST /api/auth/login": "public",
  "POST /api/auth/setup": "public",
  "POST /api/auth/setup-link": "public",
  "GET /api/auth/setup-status": "public",
  "POST /api/auth/logout": "public",
  "GET /api/auth/me": everyone,
  "POST /api/auth/logout-all": everyone,
  "GET /api/areas": everyone,
  "POST /api/areas": ["admin"],
  "GET /api/users": ["admin", "coordinator"],
  "POST /api/users/:id/disable": ["admin"],
  "POST /api/users/:id/enable": ["admin"],
  "PUT /api/users/:id/role": ["admin"],
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
  // Translation in the editor (issue 18).
  "GET /api/editor/surveys/:id/translations": ["expert", "coordinator", "admin"],
  "PUT /api/editor/surveys/:id/translations/:locale": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/translations.csv": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/translations.csv": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/languages": ["expert", "coordinator", "admin"],
  "PUT /api/editor/surveys/:id/languages/:locale": ["expert", "coordinator", "admin"],
  "POST /api/editor/surveys/:id/languages/:locale/signoffs": ["expert"],
  "GET /api/editor/surveys/:id/pictures": ["expert", "coordinator", "admin"],
  "PUT /api/editor/surveys/:id/pictures": ["expert", "coordinator", "admin"],
  "GET /api/editor/my-languages": ["expert", "coordinator", "admin"],
  "PUT /api/editor/my-languages": ["expert", "coordinator", "admin"],
  // XLSForm in and out (issue 19).
  "POST /api/editor/xlsform": ["expert", "coordinator", "admin"],
  "POST /api/editor/import": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/xlsform": ["expert", "coordinator", "admin"],
  "GET /api/editor/surveys/:id/xlsform-report": ["expert", "coordinator", "admin"],
  "POST /api/sync": fieldworkers,
  "GET /api/stats/response-counts": trustedAnalysts,
  "GET /api/outcomes/map": trustedAnalysts,
  "GET /api/outcomes/:outcomeId": trustedAnalysts,
  "GET /api/settings/suppression": ["admin"],
  "PUT /api/settings/suppression": ["admin"],
  "GET /api/review/responses": trustedAnalysts,
  "GET /api/review/responses/:id": trustedAnalysts,
  "POST /api/review/responses/:id/decision": trustedAnalysts,
  "POST /api/review/responses/:id/comments": trustedAnalysts,
  // The area partnership's view of review: which interviews need attention, which questions, no answers.
  "GET /api/review/attention": ["admin", "coordinator", "evaluator"],
  "GET /api/exports": trustedAnalysts,
  "GET /api/exports/:surveyId/:file": trustedAnalysts,
  "GET /api/areas/:id/support-services": fieldworkers,
  "PUT /api/areas/:id/support-services/translations/:locale": ["admin", "coordinator"],
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
  // Shared tablets (issue 17, decision 0035): the tablet's upload key, through the device check.
  "POST /api/devices/upload-key": ["coordinator", "peer_researcher"],
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
  // Releases (issue 13, docs/decisions/0022): analysts compose, check and publish; experts sign off,
  // annotate and edit the participant summary; each audience reads its published releases.
  "GET /api/releases": everyone,
  "POST /api/releases": ["admin", "evaluator"],
  "GET /api/releases/:id": everyone,
  "PUT /api/releases/:id": ["admin", "evaluator"],
  "POST /api/releases/:id/check": ["admin", "evaluator"],
  "POST /api/releases/:id/signoffs": ["admin", "evaluator", "expert"],
  "POST /api/releases/:id/annotations": ["expert"],
  "PUT /api/releases/:id/participant-summary": ["expert"],
  "POST /api/releases/:id/publish": ["admin", "evaluator"],
  "GET /api/public/releases/:token": "public",
  // A lost tablet (issue 17, docs/decisions/0036): its area's coordinator or the data manager reports
  // it lost or found and sees what was on it; the tablet sends its manifest, and after wiping itself
  // says so with its token alone (it may have no session left).
  "POST /api/devices/:id/lost": ["admin", "coordinator"],
  "POST /api/devices/:id/found": ["admin", "coordinator"],
  "GET /api/devices/:id/lost-report": ["admin", "coordinator"],
  "POST /api/devices/manifest": fieldworkers,
  "POST /api/devices/wiped": "public",
} as const satisfies Record<string, Who>;

type DeclaredKey = KeyOf<(typeof declaredRoutes)[number]>;

function declaredPolicy(): Record<DeclaredKey, Who> {
  const table: Record<string, Who> = {};
  for (const route of declaredRoutes as readonly AnyRoute[]) {
    const key = routeKey(route);
    if (key in table || key in handTable) throw new Error(`${key} is declared twice.`);
    table[key] = route.who;
  }
  return table;
}

/** Every API route and who may call it: the declarations, and the hand table for the rest. */
export const policy: Record<keyof typeof handTable | DeclaredKey, Who> = {
  ...handTable,
  ...declaredPolicy(),
};

export type RouteKey = keyof typeof policy;

const LIVE_FIGURES =
  "They change with every interview and are exact, so they could show what one person answered. Shared figures come out as releases, checked and signed off first.";
const EXPORTS =
  "One row per interview, with every answer, is for trusted analysts under the data-sharing agreement. Shared figures come out as releases, checked and signed off first.";
const ANSWERS =
  'You can see which interviews need attention and which questions are affected, under "Needs attention"; their answers stay with the analysts.';

/**
 * Routes whose refusal says why, for everyone the table leaves out: who sees what is a model, and a
 * person refused should learn where their figures come from instead (releases).
 */
const refusals: Partial<Record<RouteKey, { code: ProblemCode; detail: string }>> = {
  "GET /api/stats/response-counts": { code: "live_figures_for_analysts_only", detail: LIVE_FIGURES },
  "GET /api/outcomes/map": { code: "live_figures_for_analysts_only", detail: LIVE_FIGURES },
  "GET /api/outcomes/:outcomeId": { code: "live_figures_for_analysts_only", detail: LIVE_FIGURES },
  "GET /api/exports": { code: "exports_for_analysts_only", detail: EXPORTS },
  "GET /api/exports/:surveyId/:file": { code: "exports_for_analysts_only", detail: EXPORTS },
  "GET /api/review/responses": { code: "answers_for_analysts_only", detail: ANSWERS },
  "GET /api/review/responses/:id": { code: "answers_for_analysts_only", detail: ANSWERS },
  "POST /api/review/responses/:id/decision": { code: "answers_for_analysts_only", detail: ANSWERS },
  "POST /api/review/responses/:id/comments": { code: "answers_for_analysts_only", detail: ANSWERS },
};

/** The problem code a signed-in role outside a route's list gets. */
export function refusalCode(key: RouteKey): ProblemCode {
  return refusals[key]?.code ?? "forbidden_role";
}

/** Lets through who the hand table lists for `key` (routes not yet declared in the contract). */
export function allow(key: keyof typeof handTable): MiddlewareHandler<AppEnv> {
  return police(key, handTable[key]);
}

/** Lets through who a declared route names (`mount` applies this). */
export function allowRoute(route: AnyRoute): MiddlewareHandler<AppEnv> {
  return police(routeKey(route) as RouteKey, route.who);
}

function police(key: RouteKey, rule: Who): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule !== "public") {
      const user = c.get("user");
      if (!user) throw new ProblemError("not_signed_in");
      if (!rule.includes(user.role)) {
        const refusal = refusals[key];
        if (refusal) throw new ProblemError(refusal.code, refusal.detail);
        throw new ProblemError("forbidden_role", `${key} is not open to ${user.role}.`);
      }
    }
    await next();
  };
}

export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new ProblemError("not_signed_in");
  return user;
}
