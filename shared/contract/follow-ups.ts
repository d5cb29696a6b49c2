import type { InterviewEnding } from "./sync.ts";

/**
 * Follow-up waves. Wave 0 is the baseline; wave n is due `offsetsDays[n - 1]` days after the baseline
 * and open `graceDays` either side. The due list gives dates, not statuses, so a tablet that is offline
 * for days still works out what is due today (shared/follow-ups/due-waves.ts).
 */
export interface FollowUpSchedule {
  /** Days after the baseline, each later than the one before. */
  offsetsDays: number[];
  graceDays: number;
}

export interface SurveyFollowUpSchedule extends FollowUpSchedule {
  surveyId: string;
  updatedAt: string;
}

export interface FollowUpSchedulesResponse {
  schedules: SurveyFollowUpSchedule[];
}

/** One follow-up wave of one participant: its window and, once done, how it went. */
export interface DueWave {
  wave: number;
  opensAt: string;
  dueAt: string;
  closesAt: string;
  /** The latest interview of this wave, if any. */
  doneAt: string | null;
  ending: InterviewEnding | null;
  lastRescheduledAt: string | null;
  /** A coordinator's assignment of this follow-up to a researcher, with its own due day, if any. */
  assignedToId: string | null;
  assignedDueOn: string | null;
}

export interface DueParticipant {
  participantCode: string;
  surveyId: string;
  areaId: string;
  baselineAt: string;
  /** Who did the participant's most recent interview. */
  lastInterviewerId: string;
  waves: DueWave[];
}

export interface DueListResponse {
  generatedAt: string;
  participants: DueParticipant[];
}

/** "Not today" at the readiness check: logged for the due list, with no answers at all. */
export interface RescheduleRequest {
  id: string;
  surveyId: string;
  participantCode: string;
  wave: number;
  areaId: string;
  rescheduledAt: string;
}
