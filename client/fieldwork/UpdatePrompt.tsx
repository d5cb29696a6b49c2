import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { isInterviewOpen, subscribeInterviewOpen } from "../offline/interview-lock.ts";
import { applyUpdate, getUpdateState, subscribeUpdateState } from "../offline/service-worker.ts";
import { useAnnounce } from "../ui/announcer.tsx";

/** Announced once per page load, not again on each screen the prompt is shown on. */
let announced = false;

/**
 * A new version of the app is ready. It is offered, never forced, and never while an interview is
 * on screen; everything on the tablet is kept across the update. It does not take focus (the
 * researcher may be in the middle of something): it is announced, and it is a labelled region with
 * an ordinary button, reached and pressed from the keyboard like any other.
 */
export function UpdatePrompt() {
  const update = useSyncExternalStore(subscribeUpdateState, getUpdateState);
  const interviewing = useSyncExternalStore(subscribeInterviewOpen, isInterviewOpen);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();
  const headingId = useId();
  const show = update.updateReady && !interviewing;

  useEffect(() => {
    if (!show || announced) return;
    announced = true;
    announce("A new version of Alongside is ready. Use Update now when you are ready.");
  }, [show, announce]);

  if (!show) return null;
  return (
    <section className="notice notice--info update-prompt" aria-labelledby={headingId}>
      <p>
        <strong id={headingId}>A new version of Alongside is ready.</strong> Updating reloads the page;
        interviews in progress and everything waiting to upload are kept.
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
        {busy ? "Updating…" : "Update now"}
      </button>
    </section>
  );
}
