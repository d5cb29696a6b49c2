import { useEffect, useId, useRef } from "react";
import type { Draft } from "../../shared/contract/index.ts";
import type { MergeConflict, MergeResult, MergeSide } from "../../shared/editor/merge.ts";
import { type ElementJson, textOf } from "../../shared/editor/survey-json.ts";
import { diffWords } from "../../shared/editor/word-diff.ts";
import { formatDateTime } from "../ui/format.ts";
import { DiffText } from "./DiffText.tsx";

interface Props {
  theirs: Draft;
  merge: MergeResult;
  choices: Record<string, MergeSide>;
  onChoose: (conflictId: string, side: MergeSide) => void;
  onSaveMerged: () => void;
  onTakeTheirs: () => void;
  busy: boolean;
}

function describe(value: unknown): string {
  if (value === undefined) return "(removed)";
  if (typeof value === "object" && value !== null && "type" in value) {
    const element = value as ElementJson;
    return textOf(element.title) || textOf(element.html) || element.name;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Someone saved while you were editing. Their changes that do not touch yours are merged in; where
 * you both changed the same question, you choose whose version to keep, seeing the difference.
 */
export function StaleDraftPanel({
  theirs,
  merge,
  choices,
  onChoose,
  onSaveMerged,
  onTakeTheirs,
  busy,
}: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Appearing after a save, it takes focus so it is read and the next Tab is inside it.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "center" });
  }, []);
  return (
    <section className="alert alert--error stale" aria-labelledby={`${id}-heading`} role="alert">
      <h2 id={`${id}-heading`} className="alert__heading" ref={heading} tabIndex={-1}>
        {theirs.updatedBy?.name ?? "Someone"} saved this draft while you were editing
      </h2>
      <p>
        They saved revision {theirs.revision}
        {theirs.updatedAt ? ` at ${formatDateTime(theirs.updatedAt)}` : ""}. Nothing of yours was saved yet,
        and nothing is lost: {merge.takenFromTheirs} of their changes can be merged with yours
        {merge.conflicts.length > 0
          ? `, and ${merge.conflicts.length} ${merge.conflicts.length === 1 ? "question was" : "questions were"} changed by both of you.`
          : " without clashing."}
      </p>
      {merge.conflicts.length > 0 && (
        <ol className="conflicts">
          {merge.conflicts.map((conflict: MergeConflict) => {
            const side = choices[conflict.id] ?? "mine";
            return (
              <li key={conflict.id}>
                <fieldset>
                  <legend>{conflict.label}: which version?</legend>
                  <p className="suggestion__text">
                    <span className="muted">Yours → theirs: </span>
                    <DiffText segments={diffWords(describe(conflict.mine), describe(conflict.theirs))} />
                  </p>
                  <div className="field field--check">
                    <input
                      type="radio"
                      id={`${id}-${conflict.id}-mine`}
                      name={`${id}-${conflict.id}`}
                      checked={side === "mine"}
                      onChange={() => onChoose(conflict.id, "mine")}
                    />
                    <label htmlFor={`${id}-${conflict.id}-mine`}>Keep mine</label>
                  </div>
                  <div className="field field--check">
                    <input
                      type="radio"
                      id={`${id}-${conflict.id}-theirs`}
                      name={`${id}-${conflict.id}`}
                      checked={side === "theirs"}
                      onChange={() => onChoose(conflict.id, "theirs")}
                    />
                    <label htmlFor={`${id}-${conflict.id}-theirs`}>Take theirs</label>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onSaveMerged}>
          Save the merged draft
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onTakeTheirs}>
          Discard my changes and load theirs
        </button>
      </div>
    </section>
  );
}
