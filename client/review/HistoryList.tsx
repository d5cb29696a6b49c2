import type { ReviewEvent } from "../../shared/contract/index.ts";
import { reviewStatusLabels } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";

/** Who changed what and when, oldest first. */
export function HistoryList({ history }: { history: ReviewEvent[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <p>No decisions or comments yet.</p>
      ) : (
        <ol className="history">
          {history.map((event) => (
            <li key={event.id}>
              <p>
                <strong>{event.actor}</strong>, {formatDateTime(event.at)}:{" "}
                {event.fromStatus === event.toStatus
                  ? event.adoptedRevision
                    ? `kept it ${reviewStatusLabels[event.toStatus].toLowerCase()}`
                    : "commented"
                  : `${reviewStatusLabels[event.fromStatus]} → ${reviewStatusLabels[event.toStatus]}`}
                {event.adoptedRevision ? `, made copy ${event.adoptedRevision} the current one` : ""}
              </p>
              {event.comment && <p className="history__comment">{event.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
