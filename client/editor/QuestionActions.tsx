import type { Position } from "../../shared/editor/definition.ts";
import { type ElementJson, textOf } from "../../shared/editor/survey-json.ts";
import type { SurveyEditorState } from "./use-survey-editor.ts";

/** Duplicate the open question, move it to another page, or remove it (asked once more first). */
export function QuestionActions({
  editor,
  at,
  element,
}: {
  editor: SurveyEditorState;
  at: Position;
  element: ElementJson;
}) {
  const { working, actions, selection } = editor;
  return (
    <>
      <div className="actions actions--tight">
        <button type="button" className="button button--secondary" onClick={() => actions.duplicate(at)}>
          Duplicate
        </button>
        {working.pages.length > 1 && (
          <label className="inline-select">
            Move to page{" "}
            <select
              className="input input--short"
              value={at.page}
              onChange={(e) => {
                const page = Number(e.target.value);
                const to = { page, index: working.pages[page]?.elements.length ?? 0 };
                actions.move(at, page === at.page ? at : to);
              }}
            >
              {working.pages.map((p, i) => (
                <option key={p.name} value={i}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => selection.setConfirmRemove(true)}
        >
          Remove
        </button>
      </div>
      {selection.confirmRemove && (
        <div className="notice notice--warning" role="alert">
          <p>
            Remove “{textOf(element.title) || element.name}”?
            {editor.survey.publishedNames.has(element.name)
              ? " It was published: answers already collected stay, and its series ends. You will be asked to confirm when you save."
              : ""}
          </p>
          <div className="actions actions--tight">
            <button type="button" className="button button--danger" onClick={() => actions.remove(at)}>
              Yes, remove it
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => selection.setConfirmRemove(false)}
            >
              Keep it
            </button>
          </div>
        </div>
      )}
    </>
  );
}
