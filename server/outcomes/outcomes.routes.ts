import { Hono } from "hono";
import {
  OutcomeId,
  type OutcomeMapResponse,
  OutcomePageQuery,
  type OutcomePageResponse,
} from "../../shared/contract/outcomes.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readQuery } from "../http/read-query.ts";
import { suppressionThreshold } from "../settings/settings.repository.ts";
import { outcomeMap } from "./outcome-map.service.ts";
import { outcomePage } from "./outcome-page.service.ts";

/** The outcome dashboards. Every figure leaves here already suppressed below the threshold k. */
export function outcomesRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/map", allow("GET /api/outcomes/map"), async (c) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { k } = await suppressionThreshold(db);
    return c.json((await outcomeMap({ db, user, k })) satisfies OutcomeMapResponse);
  });

  app.get("/:outcomeId", allow("GET /api/outcomes/:outcomeId"), async (c) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = OutcomeId.safeParse(c.req.param("outcomeId"));
    if (!id.success) throw new ProblemError("outcome_not_found", "That is not an outcome id.");
    const query = readQuery(c, OutcomePageQuery);
    const { k } = await suppressionThreshold(db);
    return c.json((await outcomePage({ db, user, k }, id.data, query)) satisfies OutcomePageResponse);
  });

  return app;
}
