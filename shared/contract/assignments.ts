import { z } from "zod";
import { MAX_WAVE } from "./area-settings.ts";
import { SurveyId } from "./surveys.ts";
import { ParticipantCodeInput } from "./withdrawals.ts";

/**
 * A coordinator assigns a participant's follow-up interview (participant code, survey, wave) to a
 * researcher in the participant's area, with the date it is due. One assignment per follow-up:
 * assigning it again moves it to another researcher or date.
 */
/** A calendar day, YYYY-MM-DD. */
export const CalendarDate = z.iso.date();

export const SetAssignmentRequest = z.strictObject({
  participantCode: ParticipantCodeInput,
  surveyId: SurveyId,
  wave: z.number().int().min(0).max(MAX_WAVE),
  areaId: z.string().min(1).max(64),
  researcherId: z.string().min(1).max(64),
  dueOn: CalendarDate.nullable(),
});
export type SetAssignmentRequest = z.infer<typeof SetAssignmentRequest>;

/** "declined": the participant said no to this follow-up; "open" undoes that. */
export const assignmentStatuses = ["open", "declined"] as const;
export const AssignmentStatus = z.enum(assignmentStatuses);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

export const SetAssignmentStatusRequest = z.strictObject({ status: AssignmentStatus });

/**
 * Where a follow-up stands today (see shared/follow-ups/follow-up-state.ts): completed (an
 * interview for it is stored), withdrawn (the participant withdrew), declined (they said no),
 * overdue (its window has closed), due (its window is open, or it is assigned with no date),
 * upcoming (its window has not opened yet).
 */
export const followUpStates = ["completed", "due", "overdue", "upcoming", "declined", "withdrawn"] as const;
export type FollowUpState = (typeof followUpStates)[number];

export const followUpStateLabels: Record<FollowUpState, string> = {
  completed: "Completed",
  due: "Due",
  overdue: "Overdue",
  upcoming: "Not due yet",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export interface Assignment {
  id: string;
  participantCode: string;
  surveyId: string;
  wave: number;
  areaId: string;
  researcherId: string;
  researcherName: string;
  /** The date set when assigning, if any. */
  dueOn: string | null;
  /** When the follow-up's window closes: `dueOn`, else the survey's follow-up schedule, else null. */
  closesOn: string | null;
  status: AssignmentStatus;
  state: FollowUpState;
  assignedAt: string;
  assignedByName: string;
}

export const AssignmentsQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  researcherId: z.string().min(1).max(64).optional(),
});

export interface AssignmentsResponse {
  /** Today's date (UTC) that `state` was worked out against. */
  today: string;
  assignments: Assignment[];
}
