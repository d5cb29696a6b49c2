import type { ProgressQuery, ProgressResponse } from "./progress.ts";
import { route } from "./route.ts";

/** Fieldwork progress per area, survey and wave against the area's targets (`progress.ts` says how it counts). */
export const progressApi = {
  get: route("GET", "/api/progress", ["admin", "coordinator"])
    .takes<{ query: ProgressQuery }>()
    .answers<ProgressResponse>(),
};
