/** A quiet placeholder while something loads; the app's live region carries announcements. */
export function Loading({ what }: { what: string }) {
  return <p className="loading">Loading {what}…</p>;
}
