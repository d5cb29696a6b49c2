import { useEffect, useRef, useState } from "react";

/**
 * Stopping at once, for example when a participant is distressed. Until drafts are kept on the
 * device, stopping discards the answers given so far, so it asks once before it does.
 */
export function StopInterview({ onStop }: { onStop: () => void }) {
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);

  // The button that was pressed is gone: put focus on the question that replaced it.
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <div className="stop">
        <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
          Stop interview
        </button>
      </div>
    );
  }
  return (
    <div className="stop stop--asking">
      <p ref={question} tabIndex={-1}>
        <strong>Stop this interview now?</strong> The answers given so far will not be kept.
      </p>
      <div className="actions">
        <button type="button" className="button button--danger" onClick={onStop}>
          Yes, stop the interview
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          No, carry on
        </button>
      </div>
    </div>
  );
}
