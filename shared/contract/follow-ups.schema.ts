import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import type { RescheduleRequest as Reschedule, FollowUpSchedule as Schedule } from "./follow-ups.ts";
import { SurveyId } from "./surveys.schema.ts";

export const FollowUpSchedule = z
  .strictObject({
    offsetsDays: z.array(z.number().int().min(1).max(3650)).min(1).max(40),
    graceDays: z.number().int().min(0).max(365),
  })
  .refine((s) => s.offsetsDays.every((d, i) => i === 0 || d > (s.offsetsDays[i - 1] ?? 0)), {
    message: "Follow-ups must be in order, each later than the one before.",
    path: ["offsetsDays"],
  }) satisfies z.ZodType<Schedule>;

export const DueListQuery = z.strictObject({ areaId: AreaId.optional() });

export const RescheduleRequest = z.strictObject({
  id: z.uuid(),
  surveyId: SurveyId,
  participantCode: z.string().trim().min(1).max(32),
  wave: z.number().int().min(0).max(100),
  areaId: AreaId,
  rescheduledAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<Reschedule>;
