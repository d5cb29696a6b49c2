import { useId } from "react";
import type { WaveChoice } from "../../shared/fieldwork/wave-choice.ts";

interface Props {
  choice: WaveChoice;
  value: number;
  /** A valid code has been typed or made: the wave is worked out for it. */
  known: boolean;
  onChange: (wave: number) => void;
}

/** Why this wave was worked out, in the researcher's words. */
export function waveReasonText(choice: WaveChoice): string {
  switch (choice.reason) {
    case "new":
      return "This code has no earlier interview on this tablet or on the follow-up list, so this is the first interview.";
    case "due_list":
      return `From the follow-up list: ${waveWords(choice.wave)} is the one to do now.`;
    case "tablet":
      return `This tablet has this person's ${waveWords(choice.wave - 1)}, so this is the next one. The follow-up list does not know them yet.`;
    case "all_done":
      return "The follow-up list has every planned interview with this person done. Check with your coordinator before going on.";
  }
}

function waveWords(wave: number): string {
  return wave === 0 ? "first interview" : `follow-up ${wave}`;
}

/**
 * Which interview this is with the person: worked out, shown, and changed only by choosing another
 * (never typed). Until a code is entered there is nothing to work out from.
 */
export function WaveField({ choice, value, known, onChange }: Props) {
  const id = useId();
  if (!known) {
    return (
      <div className="field">
        <p className="field__label">Which interview</p>
        <p className="field__value muted">Worked out from the participant code.</p>
      </div>
    );
  }
  const options = choice.options.includes(value)
    ? choice.options
    : [...choice.options, value].sort((a, b) => a - b);
  return (
    <fieldset className="field choices wave-field" aria-describedby={`${id}-why`}>
      <legend>Which interview</legend>
      <p className="hint" id={`${id}-why`}>
        {waveReasonText(choice)}
      </p>
      <div className="wave-field__options">
        {options.map((wave) => (
          <label key={wave} className="choice">
            <input
              type="radio"
              name={`${id}-wave`}
              value={wave}
              checked={value === wave}
              onChange={() => onChange(wave)}
            />
            {wave === 0 ? "First interview (baseline)" : `Follow-up ${wave}`}
            {wave === choice.wave && <span className="muted"> (worked out)</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
