import type {
  ParticipationPlan,
  ParticipationPlanInput,
  ParticipationPlansResponse,
} from "./participation-plans.ts";
import { route } from "./route.ts";

/**
 * Participation plans as coordinators see them. The person edits their own at `/api/me/participation-plan`
 * (`meApi`); a coordinator may write it with them, and the plan then says so.
 */
export const participationPlansApi = {
  list: route("GET", "/api/participation-plans", ["admin", "coordinator"])
    .takes<{ query: { areaId?: string } }>()
    .answers<ParticipationPlansResponse>(),
  save: route("PUT", "/api/participation-plans/:userId", ["admin", "coordinator"])
    .takes<{ body: ParticipationPlanInput }>()
    .answers<ParticipationPlan>(),
};
