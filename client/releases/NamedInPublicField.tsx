/**
 * Whether the person is named with what they add on the release's public link: unticked unless they
 * choose. Being named there as an expert by experience says something about them to anyone.
 */
export function NamedInPublicField({
  what,
  as,
  checked,
  onChange,
}: {
  what: "sign-off" | "note";
  as: "expert" | "analyst";
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="field release-named">
      <label className="choice">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
        <span>
          Show my name with my {what} on the public link
          <span className="choice__hint">
            Anyone with the link can read this release. Without a tick it says “
            {as === "expert" ? "an expert by experience" : "the research team"}” instead of your name. People
            signed in to Alongside see your name either way.
          </span>
        </span>
      </label>
    </div>
  );
}
