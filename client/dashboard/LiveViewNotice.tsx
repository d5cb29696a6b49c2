import type { LiveView } from "../../shared/contract/index.ts";

/** The view in the address (`?view=released`), so a page seen "as released" can be reloaded as such. */
export function viewFromAddress(): LiveView {
  return new URLSearchParams(window.location.search).get("view") === "released" ? "released" : "exact";
}

/** Puts the view in the address without reloading the page. */
export function setViewInAddress(view: LiveView): void {
  const params = new URLSearchParams(window.location.search);
  if (view === "released") params.set("view", "released");
  else params.delete("view");
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
}

/**
 * On every live dashboard page (docs/decisions/0024-who-sees-what.md): these exact figures are for the
 * research team, not for sharing; and a switch to see the page as a release would show it.
 */
export function LiveViewNotice({
  view,
  k,
  onChange,
}: {
  view: LiveView;
  /** The threshold a release uses, once known (null while the page loads). */
  k: number | null;
  onChange: (view: LiveView) => void;
}) {
  const released = view === "released";
  return (
    <section className="notice notice--warning live-view" aria-labelledby="live-view-heading">
      <h2 id="live-view-heading">Not for sharing — exact figures for the research team</h2>
      {released ? (
        <p>
          You are seeing this page as it would be released: any figure about{" "}
          {k === null ? "too few people" : `fewer than ${k} people`} is hidden, with other figures that would
          give it away; counts and percentages are whole numbers; averages and their ranges have one decimal
          place. It is still not a release. To share figures, publish a release.
        </p>
      ) : (
        <p>
          These figures are live and exact, and can show what one person answered. Keep them within the
          research team. To share figures with the areas, experts or anyone else, publish a release: it is
          checked and signed off first.
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        aria-pressed={released}
        onClick={() => onChange(released ? "exact" : "released")}
      >
        Show as it would be released
      </button>
    </section>
  );
}
