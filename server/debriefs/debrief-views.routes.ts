import { Hono } from "hono";
import { DebriefListQuery } from "../../shared/contract/debrief-views.ts";
import type { DebriefsResponse } from "../../shared/contract/debriefs.ts";
import { listArea } from "../access/area-scope.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { readQuery } from "../http/read-query.ts";
import { listDebriefs } from "./debrief-views.repository.ts";

/**
 * Reading debriefs, which are kept apart from participant data: a peer researcher sees their own and
 * nobody else's; a coordinator sees their area's, to offer support; an administrator any area's.
 */
export function debriefViewsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/debriefs"), async (c) => {
    const user = requireUser(c.get("user"));
    const query = readQuery(c, DebriefListQuery);
    const filter =
      user.role === "peer_researcher"
        ? { areaId: null, researcherId: user.id }
        : { areaId: listArea(user, query.areaId), researcherId: query.researcherId ?? null };
    const debriefs = await listDebriefs(c.get("deps").db, filter);
    return c.json({ debriefs } satisfies DebriefsResponse);
  });

  return app;
}
