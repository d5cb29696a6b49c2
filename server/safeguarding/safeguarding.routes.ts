import { Hono } from "hono";
import { RaiseConcernRequest, SafeguardingQuery } from "../../shared/contract/safeguarding.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { listConcerns } from "./concerns.repository.ts";
import { raiseConcern } from "./safeguarding.service.ts";

/**
 * Raising a concern from a tablet, and the plain list of concerns for an area's coordinators (the
 * queue with acknowledging and actions is built on top of it, in this folder).
 */
export function safeguardingRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", allow("POST /api/safeguarding"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, RaiseConcernRequest);
    const receipt = await raiseConcern({ db, user, now: now(), origin: requestOrigin(c) }, body);
    return c.json(receipt, receipt.outcome === "accepted" ? 201 : 200);
  });

  app.get("/", allow("GET /api/safeguarding"), async (c) => {
    const user = requireUser(c.get("user"));
    const query = readQuery(c, SafeguardingQuery);
    const areaId = query.areaId ?? user.areaId;
    if (areaId !== null) assertAreaInScope(user, areaId);
    const concerns = await listConcerns(c.get("deps").db, { areaId, includeClosed: query.status === "all" });
    return c.json({ concerns });
  });

  return app;
}
