import { type FormEvent, useId, useState } from "react";
import { MAX_DEBRIEF_NOTES, wellbeingWords } from "../../shared/contract/debriefs.ts";
import type { Me } from "../../shared/contract/index.ts";
import { newResponseId } from "../offline/response-id.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { FieldError } from "../ui/FieldError.tsx";
import { queueDebrief } from "./queue-records.ts";

const feelings = Object.entries(wellbeingWords).map(([value, words]) => [Number(value), words] as const);

/**
 * A short debrief and wellbeing check for the researcher after an interview. It is theirs: kept apart
 * from the participant's answers, with no link to them, and seen only by them and their coordinator.
 */
export function DebriefForm({ me, areaId, onDone }: { me: Me; areaId: string; onDone: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  const [wellbeing, setWellbeing] = useState<number | null>(null);
  const [notes, setNotes] = useState("");
  const [wantsSupport, setWantsSupport] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (wellbeing === null) {
      setError("Choose how you are feeling, or press Skip.");
      event.currentTarget.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
      return;
    }
    setBusy(true);
    await queueDebrief(me, {
      id: newResponseId(),
      areaId,
      createdAt: new Date().toISOString(),
      wellbeing,
      notes: notes.trim(),
      wantsSupport,
    });
    announce(
      wantsSupport
        ? "Debrief saved. Your coordinator will be asked to get in touch."
        : "Debrief saved. Only you and your coordinator can read it.",
    );
    onDone();
  };

  return (
    <form className="debrief" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>How are you?</h2>
      <p>
        A few moments for you. Only you and your coordinator can read this, and it is kept apart from the
        participant's answers.
      </p>
      <fieldset
        className={error ? "field field--invalid choices" : "field choices"}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend>How are you feeling after this interview?</legend>
        <FieldError id={`${id}-error`} message={error} />
        {feelings.map(([value, label]) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-wellbeing`}
              value={value}
              checked={wellbeing === value}
              onChange={() => {
                setWellbeing(value);
                setError(undefined);
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Anything you want to note (optional)</label>
        <p className="hint" id={`${id}-notes-hint`}>
          For example what went well, what was hard, or what would help. Do not write the participant's name.
        </p>
        <textarea
          id={`${id}-notes`}
          className="input input--area"
          rows={4}
          maxLength={MAX_DEBRIEF_NOTES}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          aria-describedby={`${id}-notes-hint`}
        />
      </div>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={wantsSupport}
            onChange={(event) => setWantsSupport(event.target.checked)}
          />
          I would like my coordinator to get in touch for support
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Save my debrief
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Skip
        </button>
      </div>
    </form>
  );
}
