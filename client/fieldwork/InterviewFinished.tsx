import { useEffect, useRef } from "react";
import type { OutboxEntry } from "./outbox.ts";
import { describeUpload } from "./outcome-text.ts";
import type { SaveResult } from "./save-interview.ts";

interface Props {
  entry: OutboxEntry;
  /** null while the interview is being saved and uploaded. */
  result: SaveResult | null;
  onRetry: () => void;
  onAnother: () => void;
  onBack: () => void;
}

/** What happened to the interview just finished: stored on the server, or kept on the tablet. */
export function InterviewFinished({ entry, result, onRetry, onAnother, onBack }: Props) {
  return (
    <>
      <p className="lead">
        {entry.surveyTitle}, participant <span className="code">{entry.item.participantCode}</span>
      </p>
      {result === null ? (
        <p className="notice">Saving the interview…</p>
      ) : (
        <Outcome result={result} onRetry={onRetry} />
      )}
      <div className="actions">
        <button type="button" className="button button--large" onClick={onAnother} disabled={result === null}>
          Start another interview
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onBack}
          disabled={result === null}
        >
          Back to surveys
        </button>
      </div>
    </>
  );
}

function Outcome({ result, onRetry }: { result: SaveResult; onRetry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The outcome is the news: it takes focus when it arrives, after the first save or a Try again.
  useEffect(() => heading.current?.focus(), []);
  const text = describeUpload(result.upload);
  const lost = !text.stored && !result.keptOnDevice;
  return (
    <div className={text.stored ? "notice notice--success" : "notice notice--warning"}>
      <h2 ref={heading} tabIndex={-1}>
        {lost ? "Not uploaded and not saved on this tablet" : text.headline}
      </h2>
      <p>{text.detail}</p>
      {text.issues.length > 0 && (
        <ul>
          {text.issues.map((issue) => (
            <li key={`${issue.question}:${issue.message}`}>
              {issue.question}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {lost && (
        <p>
          <strong>This tablet's storage is full, so the interview is only on this screen.</strong> Stay on
          this page and press Try again once you have a connection.
        </p>
      )}
      {!text.stored && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
