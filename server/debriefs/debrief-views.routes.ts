import type { Hono } from "hono";
import { debriefsApi } from "../../shared/contract/debriefs.routes.ts";
import { DebriefListQuery } from "../../shared/contract/debriefs.schema.ts";
import { listArea } from "../access/area-scope.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { listDebriefs } from "./debrief-views.repository.ts";

/**
 * Reading debriefs, which are kept apart from participant data: a peer researcher sees their own and
 * nobody else's; a coordinator sees their area's, to offer support; an administrator any area's.
 */
export function debriefViewsRoutes(api: Hono<AppEnv>): void {
  mount(api, debriefsApi.list, { query: DebriefListQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    const filter =
      user.role === "peer_researcher"
        ? { areaId: null, researcherId: user.id }
        : { areaId: listArea(user, query.areaId), researcherId: query.researcherId ?? null };
    return { debriefs: await listDebriefs(c.get("deps").db, filter) };
  });
}
