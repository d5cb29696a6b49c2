import type { MiddlewareHandler } from "hono";
import type { ProblemCode } from "../../shared/contract/problems.ts";
import { type AnyRoute, type RouteKey as KeyOf, routeKey, type Who } from "../../shared/contract/route.ts";
import { declaredRoutes } from "../../shared/contract/routes.ts";
import type { AppEnv, SessionUser } from "./app-env.ts";
import { ProblemError } from "./problem.ts";

type DeclaredKey = KeyOf<(typeof declaredRoutes)[number]>;

function declaredPolicy(): Record<DeclaredKey, Who> {
  const table: Record<string, Who> = {};
  for (const route of declaredRoutes as readonly AnyRoute[]) {
    const key = routeKey(route);
    if (key in table) throw new Error(`${key} is declared twice.`);
    table[key] = route.who;
  }
  return table;
}

/**
 * Every API route and who may call it, from the declarations in `shared/contract/*.routes.ts`
 * (docs/decisions/0053): `mount` applies each route's own `who`, and this table is the same facts by
 * key, for the route table and the tests. Area scope depends on the data and is checked in the
 * handler with `assertAreaInScope`.
 */
export const policy: Record<DeclaredKey, Who> = declaredPolicy();

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
