import { useEffect, useState } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { draftsOf } from "../offline/drafts.ts";
import { outboxOf, removeRefused, retry } from "../offline/outbox.ts";
import { requestPersistentStorage, type StoragePersistence } from "../offline/persistent-storage.ts";
import type { OutboxRecord } from "../offline/records.ts";
import { uploader } from "../offline/uploader.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { Link } from "../routing/router.tsx";
import { formatDateTime } from "../ui/format.ts";
import { PageHeading } from "../ui/PageHeading.tsx";
import { fieldworkPath } from "./paths.ts";
import { recordTitle, stateText } from "./receipt-text.ts";
import { SyncStatus } from "./SyncStatus.tsx";

const order: OutboxRecord["state"][] = [
  "refused",
  "uploading",
  "waiting",
  "needs_review",
  "conflict",
  "stored",
];

/**
 * Everything on this tablet that is not simply done: drafts, what waits to upload, and the server's
 * receipt for what it has (kept for two weeks, without the answers).
 */
export function OutboxPage({ me }: { me: Me }) {
  const records = useLiveQuery(outboxOf(me.id), me.id) ?? [];
  const drafts = useLiveQuery(draftsOf(me.id), me.id) ?? [];
  const sorted = [...records].sort(
    (a, b) => order.indexOf(a.state) - order.indexOf(b.state) || b.queuedAt.localeCompare(a.queuedAt),
  );
  return (
    <>
      <PageHeading>Outbox</PageHeading>
      <SyncStatus showOutboxLink={false} />
      <StorageNote />
      {drafts.length > 0 && (
        <section aria-labelledby="outbox-drafts">
          <h2 id="outbox-drafts">Drafts: not finished yet</h2>
          <ul className="outbox__list">
            {drafts.map((draft) => (
              <li key={draft.id} className="outbox__item">
                <p>
                  <strong>{draft.version.title}</strong>, participant{" "}
                  <span className="code">{draft.setup.participantCode}</span>, {waveLabel(draft.setup.wave)}
                </p>
                <p>
                  <span className="badge badge--neutral">Draft</span> On this tablet only, last saved{" "}
                  {formatDateTime(draft.updatedAt)}. It uploads once it is finished.{" "}
                  <Link to={fieldworkPath.interview(draft.id)}>Continue it</Link>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="outbox-items">
        <h2 id="outbox-items">Finished and queued</h2>
        {sorted.length === 0 ? (
          <p>Nothing has been queued on this tablet in the last two weeks.</p>
        ) : (
          <ul className="outbox__list">
            {sorted.map((record) => (
              <OutboxItem key={record.id} record={record} me={me} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OutboxItem({ record, me }: { record: OutboxRecord; me: Me }) {
  const [confirming, setConfirming] = useState(false);
  const text = stateText(record);
  const title = recordTitle(record);
  return (
    <li className="outbox__item">
      <p>
        <strong>{title}</strong>
      </p>
      <p>
        <span className={`badge badge--${text.tone}`}>{text.label}</span> {text.detail}
      </p>
      <p className="muted">
        Saved on this tablet {formatDateTime(record.queuedAt)}
        {record.attempts > 0 ? `, ${record.attempts} ${record.attempts === 1 ? "try" : "tries"} so far` : ""}
        {record.kind === "debrief" && record.state === "waiting" && record.ownerId !== me.id
          ? `. It uploads when ${record.ownerName || "its author"} signs in on this tablet.`
          : ""}
      </p>
      {record.receipt?.outcome === "needs_review" && record.receipt.issues.length > 0 && (
        <ul>
          {record.receipt.issues.map((issue) => (
            <li key={`${issue.question}:${issue.message}`}>
              {issue.question}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {record.state === "refused" &&
        (confirming ? (
          <div className="stop--asking">
            <p>
              <strong>Delete this from the tablet?</strong> The server did not accept it, so it is not kept
              anywhere else.
            </p>
            <div className="actions actions--tight">
              <button
                type="button"
                className="button button--danger"
                onClick={() => void removeRefused(record.id)}
              >
                Yes, delete it
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                No, keep it
              </button>
            </div>
          </div>
        ) : (
          <div className="actions actions--tight">
            <button
              type="button"
              className="button button--secondary"
              onClick={async () => {
                await retry(record.id);
                uploader.kick();
              }}
            >
              Try again
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
              Delete from this tablet
            </button>
          </div>
        ))}
    </li>
  );
}

/** Whether the browser has promised to keep this tablet's storage (asked after the first interview). */
function StorageNote() {
  const [persistence, setPersistence] = useState<StoragePersistence | null>(null);
  useEffect(() => {
    let live = true;
    requestPersistentStorage().then((result) => live && setPersistence(result));
    return () => {
      live = false;
    };
  }, []);
  if (persistence === null || persistence === "unsupported") return null;
  return (
    <p className="muted">
      {persistence === "persistent"
        ? "This browser keeps Alongside's storage on this tablet even when space runs low."
        : "This browser may clear Alongside's storage if the tablet runs very low on space. Upload often. Adding Alongside to the home screen usually makes the browser keep it."}
    </p>
  );
}
