/** When each follow-up wave of a survey is due: `offsets_days[n - 1]` days after baseline for wave n. */
export interface FollowUpSchedulesTable {
  survey_id: string;
  /** JSON array of ascending whole days. */
  offsets_days: string;
  /** A wave is open this many days either side of its due day. */
  grace_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** "Not today" at the readiness check: only what the due lists need, never an answer. */
export interface InterviewReschedulesTable {
  id: string;
  survey_id: string;
  participant_code: string;
  wave: number;
  area_id: string;
  researcher_id: string;
  rescheduled_at: string;
  received_at: string;
}

/** Whose follow-up interview (participant code, survey, wave) a researcher does, and by when. */
export interface ParticipantAssignmentsTable {
  id: string;
  participant_code: string;
  survey_id: string;
  wave: number;
  area_id: string;
  researcher_id: string;
  /** YYYY-MM-DD, or null when no date was set. */
  due_on: string | null;
  /** "open" | "declined" (the participant said no to this follow-up). */
  status: string;
  assigned_by: string;
  assigned_at: string;
  updated_at: string;
}
