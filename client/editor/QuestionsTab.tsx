import { isContainer } from "../../shared/editor/survey-json.ts";
import { useMediaQuery } from "../ui/use-media-query.ts";
import { AddQuestion } from "./AddQuestion.tsx";
import { HardestToRead } from "./HardestToRead.tsx";
import { ProblemList } from "./ProblemList.tsx";
import { QuestionList } from "./QuestionList.tsx";
import { QuestionPanel } from "./QuestionPanel.tsx";
import { SurveyPreview } from "./SurveyPreview.tsx";
import { SurveySettings } from "./SurveySettings.tsx";
import type { SurveyEditorState } from "./use-survey-editor.ts";

/** Wide enough for the list, the form and the preview side by side (a 1440-pixel laptop is). */
const WIDE_LAYOUT = "(min-width: 85rem)";

/**
 * The Questions tab: the survey's questions and checks, the open question's form, and the preview.
 * Whether a narrow screen shows the preview in the form's place is kept by the editor, across tabs.
 */
export function QuestionsTab({
  editor,
  showPreview,
  onShowPreview,
}: {
  editor: SurveyEditorState;
  showPreview: boolean;
  onShowPreview: (show: boolean) => void;
}) {
  const { working, actions, selection } = editor;
  const { selected, current } = selection;
  // Side by side on a laptop; on a narrower screen (a tablet) the preview takes the form's place on request.
  const wide = useMediaQuery(WIDE_LAYOUT);

  const preview = (
    <SurveyPreview
      definition={working}
      pageIndex={selected?.page ?? null}
      questionName={current && !isContainer(current) ? current.name : null}
    />
  );

  return (
    <div className="editor__grid">
      <section className="editor__list" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions</h2>
        <SurveySettings
          survey={working}
          catalogue={editor.editor.catalogue}
          onCatalogue={editor.editor.setCatalogue}
          onChange={actions.update}
        />
        <QuestionList
          survey={working}
          selected={selected}
          checks={editor.checks.plainByName}
          openSuggestions={editor.survey.openSuggestions}
          comments={editor.survey.commentCounts}
          onSelect={(at) => selection.select(at)}
          onMove={actions.move}
          onStep={actions.step}
        />
        <AddQuestion onAdd={actions.addQuestion} />
        <ProblemList editor={editor} />
        <HardestToRead editor={editor} />
      </section>

      <div className="editor__work">
        {!wide && (
          <div className="editor__switch">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onShowPreview(!showPreview)}
            >
              {showPreview ? "Back to the question" : "Show the preview"}
            </button>
          </div>
        )}
        {(wide || !showPreview) && <QuestionPanel editor={editor} />}
        {!wide && showPreview && preview}
      </div>
      {wide && preview}
    </div>
  );
}
