import { type Context, Hono } from "hono";
import {
  ParticipationPlanInput,
  ParticipationPlansQuery,
  type ParticipationPlansResponse,
} from "../../shared/contract/participation-plans.ts";
import { listArea, personInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { findPlan, listPlans, savePlan } from "./participation-plans.repository.ts";

/**
 * Participation plans seen by coordinators (`/api/participation-plans`). The person edits their own
 * at `/api/me/participation-plan`; a coordinator may write it with them, and the plan then says so.
 */
export function participationPlansRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/participation-plans"), async (c) => {
    const user = requireUser(c.get("user"));
    const { areaId } = readQuery(c, ParticipationPlansQuery);
    const plans = await listPlans(c.get("deps").db, listArea(user, areaId));
    return c.json({ plans } satisfies ParticipationPlansResponse);
  });

  app.put("/:userId", allow("PUT /api/participation-plans/:userId"), async (c) => {
    const person = await personInScope(c.get("deps").db, requireUser(c.get("user")), c.req.param("userId"));
    return c.json(await writePlan(c, person.id));
  });

  return app;
}

/** Saves the plan of `userId` from the request body, audited (which fields changed, not what they say). */
export async function writePlan(c: Context<AppEnv>, userId: string) {
  const { db, now } = c.get("deps");
  const user = requireUser(c.get("user"));
  const plan = await readJson(c, ParticipationPlanInput);
  const before = await findPlan(db, userId);
  const at = now();
  await db.transaction().execute(async (trx) => {
    await savePlan(trx, userId, plan, { userId: user.id, at });
    await audit(trx, {
      ...requestOrigin(c),
      at,
      actorId: user.id,
      action: "plan.update",
      target: userId,
      detail: {
        self: userId === user.id,
        changed: (Object.keys(plan) as (keyof typeof plan)[]).filter(
          (key) => JSON.stringify(before?.[key]) !== JSON.stringify(plan[key]),
        ),
      },
    });
  });
  return findPlan(db, userId);
}
