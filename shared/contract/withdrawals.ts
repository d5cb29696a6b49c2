/**
 * A participant may withdraw at any time. They choose: delete everything they have given, or keep
 * what was already given and take part no further. Either way, interviews still waiting on a tablet
 * are refused when they arrive (`participant_withdrawn`).
 */
export const withdrawalChoices = ["delete_all", "keep_given"] as const;
export type WithdrawalChoice = (typeof withdrawalChoices)[number];

export const withdrawalChoiceLabels: Record<WithdrawalChoice, string> = {
  delete_all: "Delete all their answers",
  keep_given: "Keep the answers already given",
};

export interface RecordWithdrawalRequest {
  /** A participant code with a right check character (`participant-code.ts`). */
  participantCode: string;
  choice: WithdrawalChoice;
}

export interface Withdrawal {
  participantCode: string;
  choice: WithdrawalChoice;
  areaId: string | null;
  recordedAt: string;
  recordedBy: string;
  updatedAt: string;
  responsesDeleted: number;
}

/** What a withdrawal would touch, shown before the coordinator confirms. */
export interface WithdrawalPreview {
  participantCode: string;
  responses: number;
  areas: { id: string; name: string }[];
  withdrawal: Withdrawal | null;
  /**
   * For a coordinator: the participant was also interviewed in another area (not named), so only the
   * data manager can record their withdrawal. `responses` and `areas` count the coordinator's own area
   * only; a code known only elsewhere reads exactly like an unknown one (decision 0025).
   */
  otherAreas: boolean;
}

export interface RecordWithdrawalResponse {
  withdrawal: Withdrawal;
  /** Responses deleted by this request (0 when the participant kept their answers). */
  responsesDeleted: number;
}

export interface WithdrawalsResponse {
  withdrawals: Withdrawal[];
}
