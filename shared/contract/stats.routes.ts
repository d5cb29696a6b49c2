import { route, trustedAnalysts } from "./route.ts";
import type { ResponseCountsResponse } from "./stats.ts";

/** Live response counts: exact and changing with every interview, so for trusted analysts only. */
export const statsApi = {
  responseCounts: route(
    "GET",
    "/api/stats/response-counts",
    trustedAnalysts,
  ).answers<ResponseCountsResponse>(),
};
