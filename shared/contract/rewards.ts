import type { PaymentMethod } from "./participation-plans.ts";

/**
 * The reward log: time experts and researchers give (activity, hours, day), the reward due under the
 * area's policy when it was recorded (a later change of policy does not rewrite history), and the
 * payment method the person chose. Each person can download their own statement as CSV.
 */
export const MAX_REWARD_HOURS = 24;

export interface RecordRewardRequest {
  userId: string;
  areaId: string;
  activity: string;
  /** In quarter hours, at most `MAX_REWARD_HOURS`. */
  hours: number;
  /** YYYY-MM-DD */
  givenOn: string;
  paymentMethod: PaymentMethod;
}

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

/** "£12.50" */
export function formatPence(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}
