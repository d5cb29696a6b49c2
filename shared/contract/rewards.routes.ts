import type { RecordRewardRequest, RewardEntry, RewardsResponse } from "./rewards.ts";
import { route } from "./route.ts";

/**
 * The reward log: coordinators record time given in their area and the reward due under the area's
 * policy at that moment (`reward_policy_not_set` while it has none); each person's statement downloads
 * as CSV. People read their own log at `/api/me/rewards` (`meApi`).
 */
export const rewardsApi = {
  list: route("GET", "/api/rewards", ["admin", "coordinator"])
    .takes<{ query: { areaId?: string; userId?: string } }>()
    .answers<RewardsResponse>(),
  record: route("POST", "/api/rewards", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: RecordRewardRequest }>()
    .answers<RewardEntry>(),
  /** A CSV file, audited; a plain link (the browser sends the session cookie). */
  statement: route("GET", "/api/rewards/statements/:userId", ["admin", "coordinator"]).answers<Response>(),
};
