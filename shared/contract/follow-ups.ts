import { z } from "zod";
import { AreaId } from "./areas.ts";
import { SurveyId } from "./surveys.ts";
import type { InterviewEnding } from "./sync.ts";

/**
 * Follow-up waves. Wave 0 is the baseline; wave n is due `offsetsDays[n - 1]` days after the baseline
 * and open `graceDays` either side. The due list gives dates, not statuses, so a tablet that is offline
 * for days still works out what is due today (shared/follow-ups/due-waves.ts).
 */
export const FollowUpSchedule = z
  .strictObject({
    offsetsDays: z.array(z.number().int().min(1).max(3650)).min(1).max(40),
    graceDays: z.number().int().min(0).max(365),
  })
  .refine((s) => s.offsetsDays.every((d, i) => i === 0 || d > (s.offsetsDays[i - 1] ?? 0)), {
    message: "Follow-ups must be in order, each later than the one before.",
    path: ["offsetsDays"],
  });
export type FollowUpSchedule = z.infer<typeof FollowUpSchedule>;

export interface SurveyFollowUpSchedule extends FollowUpSchedule {
  surveyId: string;
  updatedAt: string;
}

export interface FollowUpSchedulesResponse {
  schedules: SurveyFollowUpSchedule[];
}

export const DueListQuery = z.strictObject({ areaId: AreaId.optional() });

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
export const RescheduleRequest = z.strictObject({
  id: z.uuid(),
  surveyId: SurveyId,
  participantCode: z.string().trim().min(1).max(32),
  wave: z.number().int().min(0).max(100),
  areaId: AreaId,
  rescheduledAt: z.iso.datetime({ offset: true }),
});
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;
