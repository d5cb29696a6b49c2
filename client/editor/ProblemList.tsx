import type { SurveyEditorState } from "./use-survey-editor.ts";

/** The problems the checks found in the working copy, each with a way to open its question. */
export function ProblemList({ editor }: { editor: SurveyEditorState }) {
  const { issues } = editor.checks;
  const { elements, wordingOf } = editor.survey;
  if (issues.length === 0) return null;
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h3 id="problems-heading">Problems</h3>
      <ul>
        {issues.map((issue) => {
          const target = issue.question ? elements.find((e) => e.element.name === issue.question) : undefined;
          return (
            <li key={`${issue.code}:${issue.message}`} className={`problem problem--${issue.severity}`}>
              <span className="visually-hidden">{issue.severity === "error" ? "Error: " : "Warning: "}</span>
              {issue.message}{" "}
              {target && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => editor.selection.select({ page: target.page, index: target.index })}
                >
                  Open “{wordingOf(issue.question ?? "")}”
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
