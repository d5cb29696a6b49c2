import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import type { SurveyEditorState } from "./use-survey-editor.ts";

/** Where the draft stands (saved by whom, or unsaved; draft, in review or published) and the save button. */
export function SaveBar({ editor }: { editor: SurveyEditorState }) {
  const { view, base, checks, saving } = editor;
  const { dirty } = editor.editor;
  const savedAt = view.draft.updatedAt
    ? `Saved revision ${base.revision}${base.updatedBy ? ` by ${base.updatedBy.name}` : ""}, ${formatDateTime(base.updatedAt ?? "")}`
    : base.revision === 0
      ? `No changes since version ${base.baseVersion}`
      : "";
  return (
    <>
      <div className="editor__bar">
        <p className="editor__state" aria-live="polite">
          {dirty ? <strong>Unsaved changes</strong> : savedAt}
          {" · "}
          {view.draft.status === "in_review"
            ? "In review"
            : view.draft.status === "published"
              ? "Published"
              : "Draft"}
        </p>
        <button
          type="button"
          className="button"
          disabled={!dirty || saving.busy || checks.errors.length > 0}
          onClick={() => void saving.saveQuietly()}
        >
          {saving.busy ? "Saving…" : "Save draft"}
        </button>
      </div>
      {checks.errors.length > 0 && dirty && (
        <p className="hint">Fix the problems listed below to save. Your changes stay here meanwhile.</p>
      )}
      {saving.saveError !== null && <ErrorAlert error={saving.saveError} heading="The draft was not saved" />}
    </>
  );
}
