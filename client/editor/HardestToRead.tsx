import { PLAIN_TARGET } from "../../shared/editor/plain-language.ts";
import type { SurveyEditorState } from "./use-survey-editor.ts";

/** The five questions hardest to read, by the plain-language check, each a way to open it. */
export function HardestToRead({ editor }: { editor: SurveyEditorState }) {
  const hardest = editor.checks.plain.filter(
    (q) => (q.score !== null && q.score < PLAIN_TARGET) || q.hintCount > 0,
  );
  return (
    <div className="plain-summary">
      <h3>Hardest to read</h3>
      {hardest.length === 0 ? (
        <p className="muted">Every question reads as plain English.</p>
      ) : (
        <ol>
          {hardest.slice(0, 5).map((q) => {
            const target = editor.survey.elements.find((e) => e.element.name === q.name);
            return (
              <li key={q.name}>
                {target ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => editor.selection.select({ page: target.page, index: target.index })}
                  >
                    {q.title}
                  </button>
                ) : (
                  q.title
                )}{" "}
                <span className="muted">
                  ({q.score === null ? "" : `easy to read: ${q.score} out of 100; `}
                  {q.hintCount} thing{q.hintCount === 1 ? "" : "s"} to look at)
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
