import { type FormEvent, useId, useState } from "react";
import { FieldError } from "../ui/FieldError.tsx";

/**
 * Before consent: is this a good moment? Nothing here is stored. If the person is unwell, intoxicated,
 * in crisis, or there is no private space, the interview is rescheduled rather than started: only
 * the date is kept, for the due list.
 */
const checks = [
  "They seem well enough to take part today",
  "They do not seem drunk or high",
  "They are not in crisis or very upset",
  "We have a private enough place and about 20 minutes",
] as const;

export function ReadinessCheck({ onReady, onReschedule }: { onReady: () => void; onReschedule: () => void }) {
  const id = useId();
  const [ticked, setTicked] = useState<boolean[]>(checks.map(() => false));
  const [error, setError] = useState<string | undefined>();
  const [rescheduling, setRescheduling] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ticked.every(Boolean)) {
      onReady();
      return;
    }
    setError("Tick every check before consent. If one is not true today, reschedule instead.");
    event.currentTarget.querySelector<HTMLInputElement>("input:not(:checked)")?.focus();
  };

  return (
    <form className="readiness" onSubmit={submit} noValidate>
      <h2>Readiness check</h2>
      <p>
        Before you ask for consent, check with the person that now is a good time. Nothing here is saved. If
        any of these is not true today, do not start: reschedule instead.
      </p>
      <fieldset
        className={error ? "field field--invalid choices" : "field choices"}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend>Is now a good time?</legend>
        <FieldError id={`${id}-error`} message={error} />
        {checks.map((text, index) => (
          <label key={text} className="choice">
            <input
              type="checkbox"
              checked={ticked[index] ?? false}
              onChange={(event) => {
                const next = [...ticked];
                next[index] = event.target.checked;
                setTicked(next);
                setError(undefined);
              }}
            />
            {text}
          </label>
        ))}
      </fieldset>
      {rescheduling ? (
        <fieldset className="stop--asking">
          <legend className="visually-hidden">Reschedule this interview?</legend>
          <p>
            <strong>Reschedule this interview?</strong> Nothing about today is kept except the date, so the
            interview shows on the follow-up list.
          </p>
          <div className="actions actions--tight">
            <button type="button" className="button" onClick={onReschedule}>
              Yes, reschedule
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRescheduling(false)}>
              No, go back
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="actions">
          <button type="submit" className="button button--large">
            Ready: go to consent
          </button>
          <button
            type="button"
            className="button button--secondary button--large"
            onClick={() => setRescheduling(true)}
          >
            Not today: reschedule
          </button>
        </div>
      )}
    </form>
  );
}
