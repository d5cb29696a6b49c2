import type { Context, Hono } from "hono";
import { participationPlansApi } from "../../shared/contract/participation-plans.routes.ts";
import {
  ParticipationPlanInput,
  ParticipationPlansQuery,
} from "../../shared/contract/participation-plans.schema.ts";
import type { ParticipationPlan } from "../../shared/contract/participation-plans.ts";
import { listArea, personInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { findPlan, listPlans, savePlan } from "./participation-plans.repository.ts";

/**
 * Participation plans seen by coordinators (`/api/participation-plans`). The person edits their own
 * at `/api/me/participation-plan`; a coordinator may write it with them, and the plan then says so.
 */
export function participationPlansRoutes(api: Hono<AppEnv>): void {
  mount(api, participationPlansApi.list, { query: ParticipationPlansQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    return { plans: await listPlans(c.get("deps").db, listArea(user, query.areaId)) };
  });

  mount(api, participationPlansApi.save, { body: ParticipationPlanInput }, async (c, { params, body }) => {
    const person = await personInScope(c.get("deps").db, requireUser(c.get("user")), params.userId);
    return writePlan(c, person.id, body);
  });
}

/** Saves the plan of `userId`, audited (which fields changed, not what they say). */
export async function writePlan(
  c: Context<AppEnv>,
  userId: string,
  plan: ParticipationPlanInput,
): Promise<ParticipationPlan> {
  const { db, now } = c.get("deps");
  const user = requireUser(c.get("user"));
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
  const saved = await findPlan(db, userId);
  if (!saved) throw new Error(`The plan of ${userId} was saved but cannot be read back.`);
  return saved;
}
