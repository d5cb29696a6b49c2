import { fieldworkers, route } from "./route.ts";
import type { RaiseConcernRequest, SafeguardingConcernsResponse } from "./safeguarding.ts";
import type { UploadReceipt } from "./upload-receipt.ts";

/**
 * Raising a concern from a tablet (201 "accepted"; a resend 200 "duplicate"), and the plain list of an
 * area's concerns for its coordinators (`status`: "open", the default, or "all").
 */
export const safeguardingApi = {
  raise: route("POST", "/api/safeguarding", fieldworkers, { status: 201 })
    .takes<{ body: RaiseConcernRequest }>()
    .answers<UploadReceipt>(),
  list: route("GET", "/api/safeguarding", ["admin", "coordinator"])
    .takes<{ query: { areaId?: string; status?: "open" | "all" } }>()
    .answers<SafeguardingConcernsResponse>(),
};
