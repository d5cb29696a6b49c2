import type {
  DueListResponse,
  FollowUpSchedule,
  FollowUpSchedulesResponse,
  RescheduleRequest,
  SurveyFollowUpSchedule,
} from "./follow-ups.ts";
import { fieldworkers, route } from "./route.ts";
import type { UploadReceipt } from "./upload-receipt.ts";

/**
 * Follow-up waves: each survey's schedule, the due list a researcher takes into the field (cached on
 * the tablet), and "not today" reschedules from the readiness check.
 */
export const followUpsApi = {
  schedules: route("GET", "/api/followups/schedules", [
    "admin",
    "coordinator",
    "peer_researcher",
    "evaluator",
  ]).answers<FollowUpSchedulesResponse>(),
  setSchedule: route("PUT", "/api/followups/schedules/:surveyId", ["admin"])
    .takes<{ body: FollowUpSchedule }>()
    .answers<SurveyFollowUpSchedule>(),
  /** The caller's area (or one area, for an admin); the tablet keeps its last copy and always asks first. */
  due: route("GET", "/api/followups/due", fieldworkers)
    .takes<{ query: { areaId?: string } }>()
    .answers<DueListResponse>(),
  /** Queued on the tablet: 201 "accepted"; a resend 200 "duplicate". */
  reschedule: route("POST", "/api/followups/reschedules", fieldworkers, { status: 201 })
    .takes<{ body: RescheduleRequest }>()
    .answers<UploadReceipt>(),
};
