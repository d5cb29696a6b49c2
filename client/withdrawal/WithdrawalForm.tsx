import { type FormEvent, useState } from "react";
import {
  type WithdrawalChoice,
  type WithdrawalPreview,
  withdrawalChoiceLabels,
} from "../../shared/contract/index.ts";
import { isValidParticipantCode } from "../../shared/participant/code.ts";
import { issuesByField } from "../api/api-error.ts";
import { previewWithdrawal } from "../api/withdrawals.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { RadioField } from "../ui/RadioField.tsx";
import { TextField } from "../ui/TextField.tsx";

const CHOICES = [
  {
    value: "delete_all",
    label: withdrawalChoiceLabels.delete_all,
    hint: "Every interview with them, and everything worked out from it, is deleted now.",
  },
  {
    value: "keep_given",
    label: withdrawalChoiceLabels.keep_given,
    hint: "What they have told us so far stays in the research; they take no further part.",
  },
] as const;

type Errors = Partial<Record<"participantCode" | "choice", string>>;

/** Step 1: the code and the participant's choice, checked against what is stored before anything is done. */
export function WithdrawalForm({
  onChecked,
}: {
  onChecked: (preview: WithdrawalPreview, choice: WithdrawalChoice) => void;
}) {
  const [code, setCode] = useState("");
  const [choice, setChoice] = useState<WithdrawalChoice | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (!isValidParticipantCode(code))
      found.participantCode = "Check the code: it has the wrong shape or check character.";
    if (!choice) found.choice = "Choose what the participant wants.";
    setErrors(found);
    setFailure(null);
    if (!choice || Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      onChecked(await previewWithdrawal(code), choice);
    } catch (error) {
      setFailure(error);
      setErrors(issuesByField(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">Record a withdrawal</h2>
      {failure !== null && <ErrorAlert heading="The code could not be checked" error={failure} />}
      <TextField
        label="Participant code"
        hint="As on their card, for example ABCD-EFGH."
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={errors.participantCode}
        autoComplete="off"
        spellCheck={false}
        className="input input--short code"
      />
      <RadioField
        legend="What does the participant want?"
        options={CHOICES}
        value={choice}
        onChange={setChoice}
        error={errors.choice}
      />
      <button type="submit" className="button" disabled={busy}>
        Continue
      </button>
    </form>
  );
}
