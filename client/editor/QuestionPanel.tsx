import type { Suggestion } from "../../shared/contract/index.ts";
import { currentWording } from "../../shared/editor/suggestion.ts";
import { isContainer, textOf } from "../../shared/editor/survey-json.ts";
import { acceptSuggestion, addComment, declineSuggestion, suggestRewording } from "../api/editor.ts";
import { QuestionActions } from "./QuestionActions.tsx";
import { QuestionForm } from "./question-form/QuestionForm.tsx";
import { ReviewThread } from "./ReviewThread.tsx";
import { type SurveyEditorState, WORDING_FIELD_ID } from "./use-survey-editor.ts";

/** The open question: its actions, its form, and the comments and suggestions on it. */
export function QuestionPanel({ editor }: { editor: SurveyEditorState }) {
  const { surveyId, me, view, actions } = editor;
  const { selected, current, originalName } = editor.selection;
  const { questions, knownNames, publishedNames, savedSurvey, canDecide } = editor.survey;
  return (
    <section className="editor__form" aria-labelledby="question-heading">
      <h2 id="question-heading">
        {current ? `Question: ${textOf(current.title) || current.name}` : "Question"}
      </h2>
      {!current || !selected ? (
        <p className="muted">Choose a question from the list, or add one.</p>
      ) : (
        <>
          <QuestionActions editor={editor} at={selected} element={current} />
          {isContainer(current) ? (
            <p>
              This is a {current.type} that groups other questions. Edit what is inside it through Import and
              export (as JSON).
            </p>
          ) : (
            <QuestionForm
              key={`${selected.page}:${selected.index}:${originalName}`}
              element={current}
              originalName={originalName}
              allQuestions={questions}
              knownNames={knownNames}
              publishedNames={publishedNames}
              canUnlock={me.role === "coordinator" || me.role === "admin"}
              wordingFieldId={WORDING_FIELD_ID}
              onChange={(element) => actions.replace(selected, element)}
            />
          )}
          {!isContainer(current) && current.type !== "html" && (
            <ReviewThread
              question={current.name}
              questionTitle={textOf(current.title) || current.name}
              locked={current.locked === true}
              currentText={{
                title: currentWording(savedSurvey, current.name, "title") ?? textOf(current.title),
                description:
                  currentWording(savedSurvey, current.name, "description") ?? textOf(current.description),
              }}
              comments={view.comments.filter((c) => c.question === current.name)}
              suggestions={view.suggestions.filter((s) => s.question === current.name)}
              meId={me.id}
              canDecide={canDecide}
              unsaved={editor.editor.dirty}
              onComment={(body) =>
                actions.runAndRefresh(
                  () => addComment(surveyId, { question: current.name, body }),
                  "Comment added.",
                )
              }
              onSuggest={(field, proposed, note) =>
                actions.runAndRefresh(
                  () => suggestRewording(surveyId, { question: current.name, field, proposed, note }),
                  "Suggestion sent. The draft's owner will see it.",
                )
              }
              onAccept={(s: Suggestion) =>
                actions.runAndRefresh(
                  () => acceptSuggestion(surveyId, s.id),
                  `Accepted ${s.author.name}'s wording.`,
                )
              }
              onDecline={(s: Suggestion) =>
                actions.runAndRefresh(() => declineSuggestion(surveyId, s.id), "Suggestion declined.")
              }
            />
          )}
        </>
      )}
    </section>
  );
}
