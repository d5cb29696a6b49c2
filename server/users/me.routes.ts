import type { Hono } from "hono";
import { meApi } from "../../shared/contract/me.routes.ts";
import { ParticipationPlanInput } from "../../shared/contract/participation-plans.schema.ts";
import type { ParticipationPlan } from "../../shared/contract/participation-plans.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { trainingStandings } from "../../shared/contract/training.ts";
import { assignmentList } from "../follow-ups/assignments.routes.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findPlan } from "../participation-plans/participation-plans.repository.ts";
import { writePlan } from "../participation-plans/participation-plans.routes.ts";
import { listRewards } from "../rewards/rewards.repository.ts";
import { rewardsResponse, statementResponse } from "../rewards/rewards.routes.ts";
import { today } from "../today.ts";
import { listTraining } from "../training/training.repository.ts";

/** Roles that interview participants, and so need safeguarding and distress-protocol training first. */
const FIELDWORK_ROLES: readonly Role[] = ["peer_researcher", "coordinator"];

/**
 * What belongs to the signed-in person (`/api/me`): their readiness for fieldwork, training records,
 * participation plan (which they edit), reward log and statement, and their assigned follow-ups.
 * Their debriefs are at `GET /api/debriefs`.
 */
export function meRoutes(api: Hono<AppEnv>): void {
  mount(api, meApi.readiness, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const day = today(now());
    const applies = FIELDWORK_ROLES.includes(user.role);
    const records = await listTraining(db, { areaId: null, userId: user.id });
    const training = trainingStandings(records, day, applies ? undefined : []);
    const ready = training.every((t) => !t.required || t.state === "current" || t.state === "due_soon");
    return { today: day, ready, applies, training };
  });

  mount(api, meApi.training, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const records = await listTraining(db, { areaId: null, userId: user.id });
    return { today: today(now()), records };
  });

  mount(api, meApi.plan, {}, async (c) => ownPlan(c.get("deps").db, requireUser(c.get("user")).id));

  mount(api, meApi.savePlan, { body: ParticipationPlanInput }, async (c, { body }) =>
    writePlan(c, requireUser(c.get("user")).id, body),
  );

  mount(api, meApi.rewards, {}, async (c) => {
    const user = requireUser(c.get("user"));
    return rewardsResponse(await listRewards(c.get("deps").db, { areaId: null, userId: user.id }));
  });

  mount(api, meApi.rewardStatement, {}, async (c) => {
    const user = requireUser(c.get("user"));
    const entries = await listRewards(c.get("deps").db, { areaId: null, userId: user.id });
    return statementResponse(c, user.displayName, entries);
  });

  mount(api, meApi.assignments, {}, async (c) => {
    const user = requireUser(c.get("user"));
    const day = today(c.get("deps").now());
    return assignmentList(c, { areaId: user.areaId, surveyId: null, researcherId: user.id }, day);
  });
}

async function ownPlan(db: Parameters<typeof findPlan>[0], userId: string): Promise<ParticipationPlan> {
  const plan = await findPlan(db, userId);
  if (!plan) throw new ProblemError("user_not_found");
  return plan;
}
