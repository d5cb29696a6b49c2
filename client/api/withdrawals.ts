import type {
  RecordWithdrawalRequest,
  RecordWithdrawalResponse,
  WithdrawalPreview,
  WithdrawalsResponse,
} from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export const listWithdrawals = async () => (await get<WithdrawalsResponse>("/api/withdrawals")).withdrawals;

export const previewWithdrawal = (participantCode: string) =>
  get<WithdrawalPreview>(`/api/withdrawals/preview?${new URLSearchParams({ participantCode })}`);

export const recordWithdrawal = (body: RecordWithdrawalRequest) =>
  post<RecordWithdrawalResponse>("/api/withdrawals", body);
