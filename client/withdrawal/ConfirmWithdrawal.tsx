import { useEffect, useRef, useState } from "react";
import {
  type RecordWithdrawalResponse,
  type WithdrawalChoice,
  type WithdrawalPreview,
  withdrawalChoiceLabels,
} from "../../shared/contract/index.ts";
import { withdrawalsApi } from "../../shared/contract/withdrawals.routes.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { plural } from "../ui/format.ts";
import { useSubmit } from "../ui/use-submit.ts";

/** Step 2: what the withdrawal will do, and a deliberate confirmation before it is done. */
export function ConfirmWithdrawal({
  preview,
  choice,
  onBack,
  onDone,
}: {
  preview: WithdrawalPreview;
  choice: WithdrawalChoice;
  onBack: () => void;
  onDone: (result: RecordWithdrawalResponse) => void;
}) {
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => heading.current?.focus(), []);

  const deleting = choice === "delete_all";
  const existing = preview.withdrawal;
  const where = preview.areas.map((a) => a.name).join(", ");

  const {
    busy,
    failure,
    onSubmit: confirm,
  } = useSubmit({
    run: async () => {
      const result = await call(withdrawalsApi.record, {
        body: { participantCode: preview.participantCode, choice },
      });
      announce(`Withdrawal of ${preview.participantCode} recorded.`);
      onDone(result);
    },
  });

  return (
    <section className={deleting ? "notice notice--warning" : "notice"} aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" ref={heading} tabIndex={-1}>
        Check before you confirm
      </h2>
      {failure !== null && <ErrorAlert heading="The withdrawal was not recorded" error={failure} />}
      <dl className="facts">
        <div>
          <dt>Participant</dt>
          <dd className="code">{preview.participantCode}</dd>
        </div>
        <div>
          <dt>Their choice</dt>
          <dd>{withdrawalChoiceLabels[choice]}</dd>
        </div>
        <div>
          <dt>Stored interviews</dt>
          <dd>
            {preview.responses === 0 ? "None yet" : `${plural(preview.responses, "interview")} (${where})`}
          </dd>
        </div>
      </dl>
      {preview.otherAreas && (
        <p role="note">
          This participant was also interviewed outside your area, so their withdrawal has to be recorded by
          the data manager, who can see every interview it affects. Please pass on their choice to the data
          manager; nothing is changed from here.
        </p>
      )}
      {existing && (
        <p>
          A withdrawal is already recorded for this code (
          {withdrawalChoiceLabels[existing.choice].toLowerCase()}).
        </p>
      )}
      <p>
        {deleting
          ? preview.responses > 0
            ? `Confirming deletes ${plural(preview.responses, "interview")} now, with everything worked out from them. This cannot be undone.`
            : "No interviews are stored yet. Confirming means any that arrive from a tablet are refused."
          : "Confirming keeps their answers so far and refuses any further interviews for this code."}
      </p>
      <div className="field">
        <label className="choice">
          <input type="checkbox" checked={checked} onChange={(event) => setChecked(event.target.checked)} />
          <span>I have checked the code and the choice with the participant.</span>
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className={deleting ? "button button--danger" : "button"}
          disabled={!checked || busy || preview.otherAreas}
          onClick={() => confirm()}
        >
          {deleting && preview.responses > 0
            ? `Delete ${plural(preview.responses, "interview")} and record withdrawal`
            : "Record withdrawal"}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack} disabled={busy}>
          Go back
        </button>
      </div>
    </section>
  );
}
