import { Hono } from "hono";
import type { ParticipationPlan } from "../../shared/contract/participation-plans.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { type Readiness, type TrainingResponse, trainingStandings } from "../../shared/contract/training.ts";
import { assignmentList } from "../follow-ups/assignments.routes.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
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
export function meRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/readiness", allow("GET /api/me/readiness"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const day = today(now());
    const applies = FIELDWORK_ROLES.includes(user.role);
    const records = await listTraining(db, { areaId: null, userId: user.id });
    const training = trainingStandings(records, day, applies ? undefined : []);
    const ready = training.every((t) => !t.required || t.state === "current" || t.state === "due_soon");
    return c.json({ today: day, ready, applies, training } satisfies Readiness);
  });

  app.get("/training", allow("GET /api/me/training"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const records = await listTraining(db, { areaId: null, userId: user.id });
    return c.json({ today: today(now()), records } satisfies TrainingResponse);
  });

  app.get("/participation-plan", allow("GET /api/me/participation-plan"), async (c) => {
    const user = requireUser(c.get("user"));
    return c.json(await ownPlan(c.get("deps").db, user.id));
  });

  app.put("/participation-plan", allow("PUT /api/me/participation-plan"), async (c) => {
    const user = requireUser(c.get("user"));
    return c.json(await writePlan(c, user.id));
  });

  app.get("/rewards", allow("GET /api/me/rewards"), async (c) => {
    const user = requireUser(c.get("user"));
    return c.json(rewardsResponse(await listRewards(c.get("deps").db, { areaId: null, userId: user.id })));
  });

  app.get("/rewards/statement", allow("GET /api/me/rewards/statement"), async (c) => {
    const user = requireUser(c.get("user"));
    const entries = await listRewards(c.get("deps").db, { areaId: null, userId: user.id });
    return statementResponse(c, user.displayName, entries);
  });

  app.get("/assignments", allow("GET /api/me/assignments"), async (c) => {
    const user = requireUser(c.get("user"));
    const day = today(c.get("deps").now());
    return c.json(
      await assignmentList(c, { areaId: user.areaId, surveyId: null, researcherId: user.id }, day),
    );
  });

  return app;
}

async function ownPlan(db: Parameters<typeof findPlan>[0], userId: string): Promise<ParticipationPlan> {
  const plan = await findPlan(db, userId);
  if (!plan) throw new ProblemError("user_not_found");
  return plan;
}
