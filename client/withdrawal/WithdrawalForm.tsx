import { useState } from "react";
import {
  type WithdrawalChoice,
  type WithdrawalPreview,
  withdrawalChoiceLabels,
} from "../../shared/contract/index.ts";
import { isValidParticipantCode } from "../../shared/contract/participant-code.ts";
import { withdrawalsApi } from "../../shared/contract/withdrawals.routes.ts";
import { call } from "../api/call.ts";
import { Form } from "../ui/Form.tsx";
import { RadioField } from "../ui/RadioField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

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
  const form = useSubmit<Errors>({
    check: () => {
      const found: Errors = {};
      if (!isValidParticipantCode(code))
        found.participantCode = "Check the code: it has the wrong shape or check character.";
      if (!choice) found.choice = "Choose what the participant wants.";
      return found;
    },
    run: async () => {
      if (choice) onChecked(await call(withdrawalsApi.preview, { query: { participantCode: code } }), choice);
    },
  });
  const { errors } = form;

  return (
    <Form
      submit={form}
      className="panel"
      aria-labelledby="withdraw-heading"
      heading={<h2 id="withdraw-heading">Record a withdrawal</h2>}
      failureHeading="The code could not be checked"
    >
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
      <button type="submit" className="button" disabled={form.busy}>
        Continue
      </button>
    </Form>
  );
}
