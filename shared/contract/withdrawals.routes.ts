import { route } from "./route.ts";
import type {
  RecordWithdrawalRequest,
  RecordWithdrawalResponse,
  WithdrawalPreview,
  WithdrawalsResponse,
} from "./withdrawals.ts";

/** Participant withdrawal, recorded by a coordinator (their area) or an admin. */
export const withdrawalsApi = {
  list: route("GET", "/api/withdrawals", ["admin", "coordinator"]).answers<WithdrawalsResponse>(),
  /** What a withdrawal would touch, shown before the coordinator confirms. */
  preview: route("GET", "/api/withdrawals/preview", ["admin", "coordinator"])
    .takes<{ query: { participantCode: string } }>()
    .answers<WithdrawalPreview>(),
  record: route("POST", "/api/withdrawals", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: RecordWithdrawalRequest }>()
    .answers<RecordWithdrawalResponse>(),
};
