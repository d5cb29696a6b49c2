import { useState, useSyncExternalStore } from "react";
import { isInterviewOpen, subscribeInterviewOpen } from "../offline/interview-lock.ts";
import { applyUpdate, getUpdateState, subscribeUpdateState } from "../offline/service-worker.ts";

/**
 * A new version of the app is ready. It is offered, never forced, and never while an interview is
 * on screen; everything on the tablet is kept across the update.
 */
export function UpdatePrompt() {
  const update = useSyncExternalStore(subscribeUpdateState, getUpdateState);
  const interviewing = useSyncExternalStore(subscribeInterviewOpen, isInterviewOpen);
  const [busy, setBusy] = useState(false);
  if (!update.updateReady || interviewing) return null;
  return (
    <div className="notice notice--info update-prompt">
      <p>
        <strong>A new version of Alongside is ready.</strong> Updating reloads the page; interviews in
        progress and everything waiting to upload are kept.
      </p>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void applyUpdate();
        }}
      >
        Update now
      </button>
    </div>
  );
}
