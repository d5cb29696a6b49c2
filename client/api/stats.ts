import type { ResponseCountsResponse } from "../../shared/contract/index.ts";
import { get } from "./http.ts";

export const fetchResponseCounts = async () =>
  (await get<ResponseCountsResponse>("/api/stats/response-counts")).counts;
