import { z } from "zod";
import { CalendarDate } from "./assignments.schema.ts";
import { PaymentMethod } from "./participation-plans.schema.ts";
import { MAX_REWARD_HOURS, type RecordRewardRequest as RecordReward } from "./rewards.ts";

export const RecordRewardRequest = z.strictObject({
  userId: z.string().min(1).max(64),
  areaId: z.string().min(1).max(64),
  activity: z.string().trim().min(1).max(200),
  /** In quarter hours. */
  hours: z
    .number()
    .positive()
    .max(MAX_REWARD_HOURS)
    .refine((hours) => Number.isInteger(hours * 4), "Give the time in quarter hours, like 1.25."),
  givenOn: CalendarDate,
  paymentMethod: PaymentMethod,
}) satisfies z.ZodType<RecordReward>;

export const RewardsQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
});
