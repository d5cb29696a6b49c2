import type { DiffSegment } from "../../shared/editor/word-diff.ts";

/**
 * Wording changes as tracked changes. `<del>` and `<ins>` are not read out by every screen reader,
 * so each carries its meaning in hidden text as well as in colour and strike-through.
 */
export function DiffText({ segments }: { segments: DiffSegment[] }) {
  return (
    <span className="diff">
      {segments.map((segment, index) => {
        const key = `${index}:${segment.kind}`;
        const space = index < segments.length - 1 ? " " : "";
        if (segment.kind === "removed") {
          return (
            <span key={key}>
              <del>
                <span className="visually-hidden">[removed: </span>
                {segment.text}
                <span className="visually-hidden">]</span>
              </del>
              {space}
            </span>
          );
        }
        if (segment.kind === "added") {
          return (
            <span key={key}>
              <ins>
                <span className="visually-hidden">[added: </span>
                {segment.text}
                <span className="visually-hidden">]</span>
              </ins>
              {space}
            </span>
          );
        }
        return (
          <span key={key}>
            {segment.text}
            {space}
          </span>
        );
      })}
    </span>
  );
}
