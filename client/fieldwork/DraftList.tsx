import { useState } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { deleteDraft, draftsOf } from "../offline/drafts.ts";
import type { DraftRecord } from "../offline/records.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { navigate } from "../routing/router.tsx";
import { formatDateTime } from "../ui/format.ts";
import { fieldworkPath } from "./paths.ts";

/** Interviews started on this tablet and not yet finished, each resumable where it was left. */
export function DraftList({ me }: { me: Me }) {
  const drafts = useLiveQuery(draftsOf(me.id), me.id);
  if (!drafts || drafts.length === 0) return null;
  return (
    <section aria-labelledby="drafts-heading" className="drafts">
      <h2 id="drafts-heading">Interviews in progress</h2>
      <p>These are saved on this tablet with every answer. Continue one where it was left.</p>
      <ul className="drafts__list">
        {drafts.map((draft) => (
          <DraftItem key={draft.id} draft={draft} me={me} />
        ))}
      </ul>
    </section>
  );
}

function DraftItem({ draft, me }: { draft: DraftRecord; me: Me }) {
  const [confirming, setConfirming] = useState(false);
  const answered = Object.keys(draft.data).length;
  return (
    <li className="drafts__item">
      <p>
        <strong>{draft.version.title}</strong>, participant{" "}
        <span className="code">{draft.setup.participantCode}</span>, {waveLabel(draft.setup.wave)}
      </p>
      <p className="muted">
        {draft.stage === "readiness"
          ? "At the readiness check"
          : `${answered} ${answered === 1 ? "answer" : "answers"}`}
        , last saved {formatDateTime(draft.updatedAt)}
        {draft.ownerId !== me.id && draft.ownerName ? `, started by ${draft.ownerName}` : ""}
      </p>
      {confirming ? (
        <div className="stop--asking">
          <p>
            <strong>Delete this unfinished interview?</strong> Its answers are not kept anywhere else.
          </p>
          <div className="actions actions--tight">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void deleteDraft(draft.id)}
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
            className="button"
            onClick={() => navigate(fieldworkPath.interview(draft.id))}
            aria-label={`Continue the interview with participant ${draft.setup.participantCode}`}
          >
            Continue
          </button>
          <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
