import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { makeProblem } from "../shared/contract/problems.ts";
import { areasRoutes } from "./areas/areas.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { sessionMiddleware } from "./auth/session-middleware.ts";
import { syncRoutes } from "./fieldwork/sync.routes.ts";
import type { AppDeps, AppEnv } from "./http/app-env.ts";
import { ProblemError, problemResponse } from "./http/problem.ts";
import { sameOriginWrites, securityHeaders } from "./http/security.ts";
import { mountClient } from "./http/static.ts";
import { statsRoutes } from "./stats/stats.routes.ts";
import { surveysRoutes } from "./surveys/surveys.routes.ts";
import { usersRoutes } from "./users/users.routes.ts";

/** Bodies other than sync batches are small forms. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Builds the whole application from its dependencies. Nothing here listens on a port or reads the
 * environment, so tests call `createApp(...).request(...)` on a fresh database.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });

  const api = new Hono<AppEnv>();
  api.use("*", sameOriginWrites());
  api.use("*", async (c, next) => {
    if (c.req.path === "/api/sync") return next();
    return bodyLimit({
      maxSize: DEFAULT_BODY_LIMIT,
      onError: () => {
        throw new ProblemError(
          "body_too_large",
          `A request body may be at most ${DEFAULT_BODY_LIMIT} bytes.`,
        );
      },
    })(c, next);
  });
  api.use("*", sessionMiddleware());
  api.use("*", async (c, next) => {
    await next();
    c.header("cache-control", c.res.headers.get("cache-control") ?? "no-store");
  });
  api.route("/auth", authRoutes());
  api.route("/areas", areasRoutes());
  api.route("/users", usersRoutes());
  api.route("/surveys", surveysRoutes());
  api.route("/sync", syncRoutes());
  api.route("/stats", statsRoutes());
  api.all("*", () => {
    throw new ProblemError("not_found");
  });
  app.route("/api", api);

  if (deps.staticDir) mountClient(app, deps.staticDir);

  app.notFound((c) => problemResponse(c, makeProblem("not_found")));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem);
    // A surprise: log it for us, tell the caller nothing about the internals.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse(c, makeProblem("internal"));
  });
  return app;
}
