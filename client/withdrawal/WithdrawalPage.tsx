import { useState } from "react";
import type {
  RecordWithdrawalResponse,
  WithdrawalChoice,
  WithdrawalPreview,
} from "../../shared/contract/index.ts";
import { withdrawalsApi } from "../../shared/contract/withdrawals.routes.ts";
import { call } from "../api/call.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { ConfirmWithdrawal } from "./ConfirmWithdrawal.tsx";
import { WithdrawalForm } from "./WithdrawalForm.tsx";
import { WithdrawalsTable } from "./WithdrawalsTable.tsx";
import "../review/review.css";

type Step =
  | { step: "enter" }
  | { step: "confirm"; preview: WithdrawalPreview; choice: WithdrawalChoice }
  | { step: "done"; result: RecordWithdrawalResponse };

/**
 * Recording a participant's withdrawal in three steps: enter the code and their choice, check what it
 * touches and confirm, see what was done. Deleting cannot be undone, so nothing happens before the
 * confirmation.
 */
const listWithdrawals = async () => (await call(withdrawalsApi.list)).withdrawals;

export default function WithdrawalPage() {
  const [step, setStep] = useState<Step>({ step: "enter" });
  const [withdrawals, reload] = useResource(listWithdrawals);
  return (
    <>
      <PageHeading>Participant withdrawal</PageHeading>
      <p className="lead">
        A participant can withdraw at any time without giving a reason. They choose whether we delete
        everything they have told us, or keep what they have already given and ask them nothing more. Either
        way, interviews with them still waiting on a tablet are refused when they arrive.
      </p>
      {step.step === "enter" && (
        <WithdrawalForm onChecked={(preview, choice) => setStep({ step: "confirm", preview, choice })} />
      )}
      {step.step === "confirm" && (
        <ConfirmWithdrawal
          preview={step.preview}
          choice={step.choice}
          onBack={() => setStep({ step: "enter" })}
          onDone={(result) => {
            setStep({ step: "done", result });
            reload();
          }}
        />
      )}
      {step.step === "done" && (
        <div className="notice notice--success" role="status">
          <h2>Withdrawal recorded</h2>
          <p>
            <span className="code">{step.result.withdrawal.participantCode}</span> has withdrawn.{" "}
            {step.result.withdrawal.choice === "delete_all"
              ? `${step.result.responsesDeleted} response(s) and everything derived from them were deleted.`
              : "Their answers so far are kept."}{" "}
            Uploads for this code will be refused.
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep({ step: "enter" })}
          >
            Record another withdrawal
          </button>
        </div>
      )}
      <section aria-labelledby="withdrawals-heading">
        <h2 id="withdrawals-heading">Withdrawals recorded</h2>
        {withdrawals.status === "loading" && <Loading what="withdrawals" />}
        {withdrawals.status === "error" && (
          <ErrorAlert heading="The withdrawals did not load" error={withdrawals.error} />
        )}
        {withdrawals.status === "ready" &&
          (withdrawals.data.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <WithdrawalsTable withdrawals={withdrawals.data} />
          ))}
      </section>
    </>
  );
}
