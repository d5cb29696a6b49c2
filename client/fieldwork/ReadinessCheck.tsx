import { useState } from "react";

/**
 * Before consent: is this a good moment? The researcher goes through the four checks with the person
 * and confirms them all with one tap. Nothing here is stored. If the person is unwell, intoxicated,
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
  const [rescheduling, setRescheduling] = useState(false);

  return (
    <section className="readiness" aria-labelledby="readiness-heading">
      <h2 id="readiness-heading">Readiness check</h2>
      <p>Before you ask for consent, check with the person that now is a good time. Nothing here is saved.</p>
      <ul className="readiness__checks">
        {checks.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p>If any of these is not true today, do not start: reschedule instead.</p>
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
          <button type="button" className="button button--large" onClick={onReady}>
            All of these are true: go to consent
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
    </section>
  );
}
