import { Hono } from "hono";
import type { ResponseCountsResponse } from "../../shared/contract/stats.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { responseCounts } from "./response-counts.repository.ts";

export function statsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/response-counts", allow("GET /api/stats/response-counts"), async (c) => {
    const user = requireUser(c.get("user"));
    const counts = await responseCounts(c.get("deps").db, user.areaId);
    return c.json({ counts } satisfies ResponseCountsResponse);
  });
  return app;
}
