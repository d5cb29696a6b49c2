/** Time given, and the reward due under the area's policy at the time it was recorded. */
export interface RewardEntriesTable {
  id: string;
  user_id: string;
  area_id: string;
  activity: string;
  minutes: number;
  /** YYYY-MM-DD */
  given_on: string;
  pence_per_hour: number;
  reward_pence: number;
  payment_method: string;
  recorded_by: string;
  recorded_at: string;
}
