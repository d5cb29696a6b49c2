import { useId, useState } from "react";
import { generateParticipantCode, isValidParticipantCode } from "../../shared/contract/participant-code.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { describedBy } from "../ui/describedby.ts";
import { FieldError } from "../ui/FieldError.tsx";
import { participantCodeProblem } from "./participant-code-problem.ts";

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** True once the form has been submitted: a missing or short code is then an error too. */
  submitted: boolean;
}

/** The participant's pseudonymous code: typed from their card, or made new for a first interview. */
export function ParticipantCodeField({ value, onChange, submitted }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const [left, setLeft] = useState(false);
  const error = participantCodeProblem(value, submitted || left);
  const valid = isValidParticipantCode(value);

  const makeNewCode = () => {
    const code = generateParticipantCode(crypto.getRandomValues.bind(crypto));
    onChange(code);
    announce(`New participant code ${code.split("").join(" ")}. Write it on the participant's card.`);
  };

  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>Participant code</label>
      <p className="hint" id={`${id}-hint`}>
        8 characters, like ABCD-EFGH. Type the code from the participant's card, or press New code for a first
        interview and write the new code on their card.
      </p>
      <FieldError id={`${id}-error`} message={error} />
      <div className="code-field">
        <input
          id={id}
          className="input input--code"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={() => setLeft(true)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`, valid && `${id}-ok`)}
        />
        <button type="button" className="button button--secondary" onClick={makeNewCode}>
          New code
        </button>
      </div>
      {valid && (
        <p className="field-ok" id={`${id}-ok`}>
          <span aria-hidden="true">✓ </span>The code is valid.
        </p>
      )}
    </div>
  );
}
