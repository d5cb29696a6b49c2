import type {
  RetentionDeleteRequest,
  RetentionDeleteResponse,
  RetentionResponse,
  RetentionSettingsRequest,
} from "./retention.ts";
import { route } from "./route.ts";

/**
 * Retention: an admin sets the period, reviews what is due and deletes it. Admin only, across all
 * areas: it is a decision about the whole data set, not one area's fieldwork.
 */
export const retentionApi = {
  /** What is due, a page at a time (`cursor` from the previous page). */
  due: route("GET", "/api/retention", ["admin"])
    .takes<{ query: { cursor?: string; limit?: string } }>()
    .answers<RetentionResponse>(),
  setMonths: route("POST", "/api/retention/settings", ["admin"])
    .takes<{ body: RetentionSettingsRequest }>()
    .answers<RetentionSettingsRequest>(),
  delete: route("POST", "/api/retention/deletions", ["admin"])
    .takes<{ body: RetentionDeleteRequest }>()
    .answers<RetentionDeleteResponse>(),
};
