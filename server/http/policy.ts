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
  "GET /api/areas": everyone,
  "POST /api/areas": ["admin"],
  "GET /api/users": ["admin", "coordinator"],
  "POST /api/users": ["admin", "coordinator"],
  "GET /api/surveys": everyone,
  "GET /api/surveys/:id/versions/:version": everyone,
  "POST /api/sync": fieldworkers,
  "GET /api/stats/response-counts": analysts,
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
