import type {
  Assignment,
  AssignmentsQuery,
  AssignmentsResponse,
  SetAssignmentRequest,
  SetAssignmentStatusRequest,
} from "./assignments.ts";
import { fieldworkers, route } from "./route.ts";

/**
 * Assigning participants' follow-ups to researchers. A coordinator assigns within their area; a
 * researcher sees their own (`meApi.assignments`) and can mark one declined when the participant says no.
 */
export const assignmentsApi = {
  list: route("GET", "/api/assignments", ["admin", "coordinator"])
    .takes<{ query: AssignmentsQuery }>()
    .answers<AssignmentsResponse>(),
  /** Assigns a follow-up (201), or reassigns one already assigned (200). */
  set: route("POST", "/api/assignments", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: SetAssignmentRequest }>()
    .answers<Assignment>(),
  setStatus: route("POST", "/api/assignments/:id/status", fieldworkers)
    .takes<{ body: SetAssignmentStatusRequest }>()
    .answers<Assignment>(),
};
