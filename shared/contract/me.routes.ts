import type { AssignmentsResponse } from "./assignments.ts";
import type { ParticipationPlan, ParticipationPlanInput } from "./participation-plans.ts";
import type { RewardsResponse } from "./rewards.ts";
import { everyone, fieldworkers, route } from "./route.ts";
import type { Readiness, TrainingResponse } from "./training.ts";

/**
 * What belongs to the signed-in person: their readiness for fieldwork, training records, participation
 * plan (which they edit), reward log and statement, and their assigned follow-ups. Their debriefs are
 * at `debriefsApi.list`.
 */
export const meApi = {
  /** Peer researchers and coordinators need current safeguarding and distress-protocol training first. */
  readiness: route("GET", "/api/me/readiness", everyone).answers<Readiness>(),
  training: route("GET", "/api/me/training", everyone).answers<TrainingResponse>(),
  plan: route("GET", "/api/me/participation-plan", everyone).answers<ParticipationPlan>(),
  savePlan: route("PUT", "/api/me/participation-plan", everyone)
    .takes<{ body: ParticipationPlanInput }>()
    .answers<ParticipationPlan>(),
  rewards: route("GET", "/api/me/rewards", everyone).answers<RewardsResponse>(),
  /** A CSV file; a plain link (the browser sends the session cookie). */
  rewardStatement: route("GET", "/api/me/rewards/statement", everyone).answers<Response>(),
  assignments: route("GET", "/api/me/assignments", fieldworkers).answers<AssignmentsResponse>(),
};
