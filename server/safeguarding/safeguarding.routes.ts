import type { Hono } from "hono";
import { safeguardingApi } from "../../shared/contract/safeguarding.routes.ts";
import { RaiseConcernRequest, SafeguardingQuery } from "../../shared/contract/safeguarding.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { answerWith, mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { listConcerns } from "./concerns.repository.ts";
import { raiseConcern } from "./safeguarding.service.ts";

/**
 * Raising a concern from a tablet, and the plain list of concerns for an area's coordinators (the
 * queue with acknowledging and actions is built on top of it, in this folder).
 */
export function safeguardingRoutes(api: Hono<AppEnv>): void {
  mount(api, safeguardingApi.raise, { body: RaiseConcernRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const receipt = await raiseConcern({ db, user, now: now(), origin: requestOrigin(c) }, body);
    return receipt.outcome === "accepted" ? receipt : answerWith(c, receipt, 200);
  });

  mount(api, safeguardingApi.list, { query: SafeguardingQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    const areaId = query.areaId ?? user.areaId;
    if (areaId !== null) assertAreaInScope(user, areaId);
    const concerns = await listConcerns(c.get("deps").db, { areaId, includeClosed: query.status === "all" });
    return { concerns };
  });
}
