import { z } from "zod";
import { CalendarDate } from "./assignments.ts";
import { PaymentMethod } from "./participation-plans.ts";

/**
 * The reward log: time experts and researchers give (activity, hours, day), the reward due under the
 * area's policy when it was recorded (a later change of policy does not rewrite history), and the
 * payment method the person chose. Each person can download their own statement as CSV.
 */
export const MAX_REWARD_HOURS = 24;

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
});
export type RecordRewardRequest = z.infer<typeof RecordRewardRequest>;

export interface RewardEntry {
  id: string;
  userId: string;
  userName: string;
  areaId: string;
  activity: string;
  hours: number;
  givenOn: string;
  pencePerHour: number;
  rewardPence: number;
  paymentMethod: PaymentMethod;
  recordedAt: string;
  recordedByName: string;
}

export interface RewardsResponse {
  entries: RewardEntry[];
  totalPence: number;
  totalHours: number;
}

export const RewardsQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
});

/** "£12.50" */
export function formatPence(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}
