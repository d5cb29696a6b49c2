import { useEffect, useId, useRef, useState } from "react";
import type { FieldIssue } from "../../shared/contract/index.ts";

interface Props {
  issues: FieldIssue[];
  onConfirm: (names: string[]) => void;
  onCancel: () => void;
  busy: boolean;
}

/**
 * A save would drop or retype data names that were published. Answers already collected stay under the
 * old names, so the series breaks; each change is confirmed one by one, never in passing.
 */
export function DataNamePanel({ issues, onConfirm, onCancel, busy }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Appearing after a save, it takes focus so it is read and the next Tab is inside it.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "center" });
  }, []);
  const names = issues.map((i) => String(i.path[0] ?? ""));
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  return (
    <section className="alert alert--error" aria-labelledby={`${id}-heading`} role="alert">
      <h2 id={`${id}-heading`} className="alert__heading" ref={heading} tabIndex={-1}>
        Confirm changes to published data names
      </h2>
      <p>
        Answers already collected are stored under these names. Changing them means new answers will not line
        up with earlier ones. Tick each one you mean to change.
      </p>
      <ul className="plain-list">
        {issues.map((issue, index) => {
          const name = names[index] ?? "";
          return (
            <li key={name} className="field field--check">
              <input
                type="checkbox"
                id={`${id}-${index}`}
                checked={confirmed.has(name)}
                onChange={(e) => {
                  const next = new Set(confirmed);
                  if (e.target.checked) next.add(name);
                  else next.delete(name);
                  setConfirmed(next);
                }}
              />
              <label htmlFor={`${id}-${index}`}>{issue.message}</label>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy || confirmed.size !== names.length}
          onClick={() => onConfirm([...confirmed])}
        >
          Confirm and save
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel: I will change it back
        </button>
      </div>
    </section>
  );
}
