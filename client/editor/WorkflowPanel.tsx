import { useId, useState } from "react";
import {
  type DraftView,
  draftStatusLabels,
  MIN_PUBLISH_REASON,
  type Role,
} from "../../shared/contract/index.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";

interface Props {
  view: DraftView;
  role: Role;
  meId: string;
  unsaved: boolean;
  blockingIssues: number;
  onStatus: (status: "draft" | "in_review") => Promise<void>;
  onSignOff: (note: string) => Promise<void>;
  onPublish: (reason: string | undefined) => Promise<number>;
}

/**
 * Draft → in review → published. Experts sign off the revision they read; a coordinator or admin
 * publishes, with at least one sign-off on that revision or a recorded reason why not.
 */
export function WorkflowPanel({
  view,
  role,
  meId,
  unsaved,
  blockingIssues,
  onStatus,
  onSignOff,
  onPublish,
}: Props) {
  const id = useId();
  const { draft, signOffs } = view;
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const current = signOffs.filter((s) => s.revision === draft.revision);
  const earlier = signOffs.filter((s) => s.revision !== draft.revision);
  const signedByMe = current.some((s) => s.expert.id === meId);
  const canPublish = role === "coordinator" || role === "admin";
  const reasonNeeded = current.length === 0;
  const reasonTooShort = reasonNeeded && reason.trim().length < MIN_PUBLISH_REASON;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Review and publish</h2>
      {failure !== null && <ErrorAlert error={failure} heading="That did not work" />}
      {published !== null && (
        <div className="notice notice--success" role="status">
          <p>Version {published} is published. Tablets pick it up the next time they are online.</p>
        </div>
      )}
      <p>
        Status: <strong>{draftStatusLabels[draft.status]}</strong>
        {draft.revision > 0 && <> · revision {draft.revision}</>}
        {draft.baseVersion !== null && <> · follows version {draft.baseVersion}</>}
        {draft.owner && <> · owner {draft.owner.name}</>}
      </p>
      {unsaved && (
        <p className="notice notice--warning">You have unsaved changes. Save them before review steps.</p>
      )}
      {blockingIssues > 0 && (
        <p className="notice notice--warning">
          {blockingIssues} problem{blockingIssues === 1 ? "" : "s"} must be fixed before publishing: see the
          list of problems on the questions tab.
        </p>
      )}

      {draft.status === "draft" && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy || unsaved || draft.revision === 0}
            onClick={() => void run(() => onStatus("in_review"))}
          >
            Send for review
          </button>
        </div>
      )}
      {draft.status === "published" && (
        <p>This is the published version. The next change you save starts a new draft.</p>
      )}

      <h3>Sign-off by experts by experience</h3>
      {current.length === 0 ? (
        <p className="muted">No expert has signed off this draft yet.</p>
      ) : (
        <ul>
          {current.map((s) => (
            <li key={s.id}>
              <strong>{s.expert.name}</strong> signed off revision {s.revision} on{" "}
              {formatDateTime(s.createdAt)}
              {s.note && <>: “{s.note}”</>}
            </li>
          ))}
        </ul>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>Sign-offs of earlier revisions ({earlier.length})</summary>
          <ul>
            {earlier.map((s) => (
              <li key={s.id}>
                {s.expert.name}: revision {s.revision}, {formatDateTime(s.createdAt)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {role === "expert" && draft.status === "in_review" && !signedByMe && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => onSignOff(note.trim()));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>Note with your sign-off (optional)</label>
            <input
              id={`${id}-note`}
              className="input"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={busy || unsaved}>
            Sign off revision {draft.revision}
          </button>
        </form>
      )}

      {draft.status === "in_review" && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run(() => onStatus("draft"))}
          >
            Take back to editing
          </button>
        </div>
      )}

      {canPublish && draft.status === "in_review" && (
        <form
          className="publish"
          onSubmit={(event) => {
            event.preventDefault();
            if (reasonTooShort) return;
            void run(async () => {
              setPublished(await onPublish(reasonNeeded ? reason.trim() : undefined));
              setReason("");
            });
          }}
        >
          <h3>Publish</h3>
          <p>
            Publishing freezes revision {draft.revision} as version {(draft.baseVersion ?? 0) + 1}. It can
            never be changed afterwards; responses keep the version they were given under.
          </p>
          {reasonNeeded && (
            <div className={`field${reasonTooShort && reason ? " field--invalid" : ""}`}>
              <label htmlFor={`${id}-reason`}>Why publish without an expert's sign-off?</label>
              <p className="hint" id={`${id}-reason-hint`}>
                Recorded with the version and in the audit log. At least {MIN_PUBLISH_REASON} characters.
              </p>
              <textarea
                id={`${id}-reason`}
                className="input input--area"
                rows={2}
                aria-describedby={`${id}-reason-hint`}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
          )}
          <button
            type="submit"
            className="button"
            disabled={busy || unsaved || reasonTooShort || blockingIssues > 0}
          >
            Publish version {(draft.baseVersion ?? 0) + 1}
          </button>
        </form>
      )}
    </section>
  );
}
