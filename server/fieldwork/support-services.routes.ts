import { Hono } from "hono";
import { assertAreaInScope } from "../access/area-scope.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findSupportServices } from "./support-services.repository.ts";

/**
 * `GET /api/areas/:id/support-services`, mounted beside the areas routes. A tablet fetches it once
 * online and keeps it, so the distress protocol can signpost with no connection.
 */
export function supportServicesRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/:id/support-services", allow("GET /api/areas/:id/support-services"), async (c) => {
    const user = requireUser(c.get("user"));
    const areaId = c.req.param("id");
    assertAreaInScope(user, areaId);
    const found = await findSupportServices(c.get("deps").db, areaId);
    if (!found) throw new ProblemError("area_not_found", `No area "${areaId.slice(0, 64)}".`);
    return c.json(found);
  });
  return app;
}
