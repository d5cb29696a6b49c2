import { useState } from "react";
import { useAnnounce } from "../app/announcer.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import type { OutboxEntry } from "./outbox.ts";
import { uploadEntries } from "./upload.ts";
import { useOutbox } from "./use-outbox.ts";

/**
 * "N interviews waiting to upload", each with its last error and a Try again button. `exclude` is
 * the interview the page already shows with its own Try again, so it is not listed twice.
 */
export function OutboxPanel({ exclude }: { exclude?: string }) {
  const entries = useOutbox().filter((entry) => entry.item.id !== exclude);
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);

  if (entries.length === 0) return null;

  const upload = async (chosen: OutboxEntry[]) => {
    setBusy(true);
    const results = await uploadEntries(chosen);
    const stored = [...results.values()].filter((result) => result.kind === "stored").length;
    const waiting = chosen.length - stored;
    announce(
      waiting === 0
        ? `${plural(stored, "interview")} saved on the server.`
        : `${plural(stored, "interview")} saved on the server; ${plural(waiting, "interview")} still waiting to upload.`,
    );
    setBusy(false);
  };

  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">
        {plural(entries.length, exclude ? "other interview" : "interview")} waiting to upload
      </h2>
      <p>
        {entries.length === 1 ? "It is" : "They are"} saved on this tablet. Press Try again when you have a
        connection.
      </p>
      <ul className="outbox__list">
        {entries.map((entry) => (
          <li key={entry.item.id} className="outbox__item">
            <p>
              <strong>{entry.surveyTitle}</strong>, participant{" "}
              <span className="code">{entry.item.participantCode}</span>, finished{" "}
              {formatDateTime(entry.item.completedAt)}
            </p>
            {entry.lastError && <p className="outbox__error">Last try: {entry.lastError}</p>}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => upload([entry])}
              disabled={busy}
            >
              Try again
            </button>
          </li>
        ))}
      </ul>
      {entries.length > 1 && (
        <button type="button" className="button" onClick={() => upload(entries)} disabled={busy}>
          Upload all {entries.length}
        </button>
      )}
    </section>
  );
}
