import type { DebriefListQuery, DebriefsResponse, SubmitDebriefRequest } from "./debriefs.ts";
import { fieldworkers, route } from "./route.ts";
import type { UploadReceipt } from "./upload-receipt.ts";

/**
 * Debriefs, kept apart from participant data. A researcher's tablet sends each one under its author's
 * session (201 "accepted"; a resend of the same debrief 200 "duplicate"). Reading: a peer researcher
 * gets their own only, a coordinator their area's (optionally one researcher's), an admin any area's.
 */
export const debriefsApi = {
  submit: route("POST", "/api/debriefs", fieldworkers, { status: 201 })
    .takes<{ body: SubmitDebriefRequest }>()
    .answers<UploadReceipt>(),
  list: route("GET", "/api/debriefs", fieldworkers)
    .takes<{ query: DebriefListQuery }>()
    .answers<DebriefsResponse>(),
};
