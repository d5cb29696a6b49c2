import { changeStatus, signOff } from "../api/editor.ts";
import { formatDateTime } from "../ui/format.ts";
import type { SurveyEditorState } from "./use-survey-editor.ts";
import { WorkflowPanel } from "./WorkflowPanel.tsx";

/**
 * The Review and publish tab: the draft's workflow (review, sign-off, publish), the open suggestions,
 * and who changed what. Choosing a suggestion's question opens it in the Questions tab.
 */
export function ReviewTab({
  editor,
  onOpenQuestions,
}: {
  editor: SurveyEditorState;
  onOpenQuestions: () => void;
}) {
  const { surveyId, me, view, checks, actions } = editor;
  const { elements, wordingOf } = editor.survey;
  const open = view.suggestions.filter((s) => s.status === "open");
  return (
    <>
      <WorkflowPanel
        view={view}
        role={me.role}
        meId={me.id}
        unsaved={editor.editor.dirty}
        blockingIssues={
          checks.errors.length + checks.issues.filter((i) => i.code === "unknown_outcome").length
        }
        onStatus={(status) =>
          actions.runAndRefresh(
            () => changeStatus(surveyId, status, view.draft.revision),
            status === "in_review" ? "Sent for review." : "Back to editing.",
          )
        }
        onSignOff={(note) =>
          actions.runAndRefresh(
            () => signOff(surveyId, { revision: view.draft.revision, note }),
            "Signed off.",
          )
        }
        onPublish={actions.publish}
      />
      <section className="panel panel--wide" aria-labelledby="open-suggestions-heading">
        <h2 id="open-suggestions-heading">Open suggestions</h2>
        {open.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {open.map((s) => {
              const target = elements.find((e) => e.element.name === s.question);
              return (
                <li key={s.id}>
                  {s.author.name} on{" "}
                  {target ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        onOpenQuestions();
                        editor.selection.select({ page: target.page, index: target.index });
                      }}
                    >
                      {wordingOf(s.question)}
                    </button>
                  ) : (
                    wordingOf(s.question)
                  )}{" "}
                  · {formatDateTime(s.createdAt)}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="panel panel--wide" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Who changed what</h2>
        {view.events.length === 0 ? (
          <p className="muted">No changes yet.</p>
        ) : (
          <ol className="activity">
            {view.events.map((e) => (
              <li key={e.id}>
                <strong>{e.actor?.name ?? "The system"}</strong> {e.summary}{" "}
                <span className="muted">
                  (revision {e.revision}, {formatDateTime(e.at)})
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
