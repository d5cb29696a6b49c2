import { useEffect, useRef, useSyncExternalStore } from "react";
import { finishWipe } from "../offline/wipe.ts";
import { setTabletWiped, subscribeWiped, WIPED_MARKER_KEY, wipeFinished } from "../offline/wipe-state.ts";

/**
 * Shown instead of the whole app once the server has said this tablet was reported lost and the
 * tablet has deleted everything it kept (docs/decisions/0036). Nothing here comes from the server:
 * whoever holds the tablet learns only that it was reported lost and whom to contact.
 */
export function TabletLostScreen() {
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = useSyncExternalStore(subscribeWiped, wipeFinished);
  useEffect(() => {
    document.title = "This tablet was reported lost – Alongside";
    heading.current?.focus();
    // After a reload: delete what could not go while the service worker held it, and tell the server.
    void finishWipe();
  }, []);
  const setUpAgain = () => {
    try {
      window.localStorage.removeItem(WIPED_MARKER_KEY);
    } catch {
      // Nothing to remove.
    }
    setTabletWiped(false);
    window.location.assign("/");
  };
  return (
    <main id="main" className="main">
      <h1 ref={heading} tabIndex={-1}>
        This tablet was reported lost
      </h1>
      <p role="status">
        {finished
          ? "Alongside has deleted everything it kept on this tablet: interviews, interviews in progress and anything that was waiting to be sent."
          : "Alongside is deleting everything it kept on this tablet: interviews, interviews in progress and anything that was waiting to be sent."}
      </p>
      <p>
        If you found this tablet, please hand it in to the organisation it belongs to, or contact the
        coordinator of the local area that runs the research.
      </p>
      <p>
        If this is your tablet and you have it back, tell your coordinator. They will set it up for you again
        before it can be used.
      </p>
      <button type="button" className="button button--secondary" onClick={setUpAgain}>
        Start again on this tablet
      </button>
    </main>
  );
}
