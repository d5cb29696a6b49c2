import { useEffect, useRef, useState } from "react";
import { useSession } from "../auth/session.tsx";
import { listOutbox, type OutboxEnvelope } from "../offline/outbox.ts";
import { uploader } from "../offline/uploader.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { fieldworkPath } from "./paths.ts";
import { waitingText } from "./receipt-text.ts";
import { useEngineStatus, useOnline } from "./use-engine.ts";

/**
 * "3 interviews waiting to upload": the outbox at a glance, the connection, progress while uploading,
 * and "Upload now". Being signed out or having the tablet's enrolment withdrawn is said plainly, with
 * the reassurance that nothing is lost.
 */
export function SyncStatus({ showOutboxLink = true }: { showOutboxLink?: boolean }) {
  const records = useLiveQuery(listOutbox) ?? [];
  const status = useEngineStatus();
  const online = useOnline();
  const announce = useAnnounce();
  const { setMe } = useSession();
  const [busy, setBusy] = useState(false);
  const pending = records.filter((r) => r.state === "waiting" || r.state === "uploading");
  const refused = records.filter((r) => r.state === "refused").length;
  const pendingText = describe(pending);
  // The latest reason a try gave, worded as the outbox words it for each item.
  const lastError = pending.find((r) => r.lastError !== null)?.lastError ?? null;

  const wasUploading = useRef(false);
  useEffect(() => {
    if (status.phase === "uploading") {
      wasUploading.current = true;
      return;
    }
    if (!wasUploading.current) return;
    wasUploading.current = false;
    // Read the outbox afresh: the list on screen catches up with the upload's receipts a moment after
    // the upload ends, and announcing from it said "2 interviews still waiting" over "Nothing waiting".
    void listOutbox().then((all) => {
      const left = all.filter((r) => r.state === "waiting" || r.state === "uploading");
      announce(left.length === 0 ? "Everything is uploaded." : `${describe(left)} still waiting to upload.`);
    });
  }, [status.phase, announce]);

  const uploadNow = async () => {
    setBusy(true);
    await uploader.uploadNow();
    setBusy(false);
  };

  return (
    <section className="sync" aria-labelledby="sync-heading">
      <h2 id="sync-heading" className="sync__heading">
        {pending.length === 0 ? "Nothing waiting to upload" : `${pendingText} waiting to upload`}
      </h2>
      <p className={online ? "sync__line sync__line--online" : "sync__line sync__line--offline"}>
        <span className="sync__dot" aria-hidden="true" />
        {online
          ? "Online."
          : "Offline. Everything is saved on this tablet and uploads when you are back online."}
        {status.lastSuccessAt && ` Last upload ${formatDateTime(status.lastSuccessAt)}.`}
      </p>
      {status.phase === "uploading" && status.progress && (
        <div className="sync__progress">
          <label htmlFor="sync-progress">
            Uploading: {status.progress.done} of {status.progress.total} done
          </label>
          <progress id="sync-progress" max={status.progress.total} value={status.progress.done} />
        </div>
      )}
      {status.phase === "retrying" && status.nextRetryAt && pending.length > 0 && (
        <p className="sync__line">
          {waitingText(lastError)} Trying again by itself at{" "}
          {new Date(status.nextRetryAt).toLocaleTimeString("en-GB", {
            hour: "2-digit",
            minute: "2-digit",
            second: "2-digit",
          })}
          .
        </p>
      )}
      {status.phase === "signed_out" && (
        <div className="notice notice--warning">
          <p>{status.message}</p>
          <button type="button" className="button" onClick={() => setMe(null)}>
            Sign in again
          </button>
        </div>
      )}
      {status.phase === "blocked" && (
        <div className="alert alert--error">
          <p className="alert__heading">Uploads are stopped on this tablet</p>
          <p>{status.message}</p>
        </div>
      )}
      {refused > 0 && (
        <p className="sync__line sync__line--refused">
          {plural(refused, "item")} the server did not accept {refused === 1 ? "is" : "are"} kept on this
          tablet. Open the outbox to see why.
        </p>
      )}
      <div className="actions actions--tight">
        {pending.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={uploadNow}
            disabled={busy || status.phase === "uploading"}
          >
            Upload now
          </button>
        )}
        {showOutboxLink && records.length > 0 && (
          <Link to={fieldworkPath.outbox} className="button button--secondary">
            Open the outbox
          </Link>
        )}
      </div>
    </section>
  );
}

const kindWords: Record<OutboxEnvelope["kind"], [string, string]> = {
  interview: ["interview", "interviews"],
  concern: ["safeguarding concern", "safeguarding concerns"],
  debrief: ["debrief", "debriefs"],
  reschedule: ["reschedule", "reschedules"],
};

/** "3 interviews and 1 safeguarding concern". */
function describe(records: OutboxEnvelope[]): string {
  const parts = (Object.keys(kindWords) as OutboxEnvelope["kind"][]).flatMap((kind) => {
    const count = records.filter((r) => r.kind === kind).length;
    const [one, many] = kindWords[kind];
    return count === 0 ? [] : [plural(count, one, many)];
  });
  if (parts.length <= 1) return parts[0] ?? "Nothing";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
