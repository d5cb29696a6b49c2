import { z } from "zod";
import { isValidParticipantCode } from "./participant-code.ts";
import { type RecordWithdrawalRequest as RecordWithdrawal, withdrawalChoices } from "./withdrawals.ts";

export const ParticipantCodeInput = z
  .string()
  .max(32)
  .refine(isValidParticipantCode, "Check the code: it has the wrong shape or check character.");

export const WithdrawalPreviewQuery = z.strictObject({ participantCode: ParticipantCodeInput });

export const RecordWithdrawalRequest = z.strictObject({
  participantCode: ParticipantCodeInput,
  choice: z.enum(withdrawalChoices),
}) satisfies z.ZodType<RecordWithdrawal>;
