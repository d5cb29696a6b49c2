/**
 * A coordinator assigns a participant's follow-up interview (participant code, survey, wave) to a
 * researcher in the participant's area, with the date it is due. One assignment per follow-up:
 * assigning it again moves it to another researcher or date.
 */
export interface SetAssignmentRequest {
  participantCode: string;
  surveyId: string;
  wave: number;
  areaId: string;
  researcherId: string;
  /** A calendar day, YYYY-MM-DD. */
  dueOn: string | null;
}

/** "declined": the participant said no to this follow-up; "open" undoes that. */
export const assignmentStatuses = ["open", "declined"] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

export interface SetAssignmentStatusRequest {
  status: AssignmentStatus;
}

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

export interface AssignmentsQuery {
  areaId?: string | undefined;
  researcherId?: string | undefined;
}

export interface AssignmentsResponse {
  /** Today's date (UTC) that `state` was worked out against. */
  today: string;
  assignments: Assignment[];
}
