import { DataNamePanel } from "./DataNamePanel.tsx";
import { RemovedHtmlNote } from "./RemovedHtmlNote.tsx";
import { StaleDraftPanel } from "./StaleDraftPanel.tsx";
import type { SurveyEditorState } from "./use-survey-editor.ts";

/**
 * What a save answered that needs the person: formatting that was taken out, someone else's save to
 * merge with, or published data names to confirm.
 */
export function SaveAnswers({ editor }: { editor: SurveyEditorState }) {
  const { saving, actions } = editor;
  const { removedHtml, stale, merge, nameIssues, busy } = saving;
  return (
    <>
      {removedHtml && (
        <RemovedHtmlNote
          removals={removedHtml.removals}
          survey={removedHtml.survey}
          onDismiss={saving.dismissRemovedHtml}
        />
      )}
      {stale && merge && (
        <StaleDraftPanel
          theirs={stale.theirs}
          merge={merge}
          choices={stale.choices}
          busy={busy}
          onChoose={(id, side) => saving.setStale({ ...stale, choices: { ...stale.choices, [id]: side } })}
          onSaveMerged={() => {
            editor.editor.setWorking(merge.survey);
            void saving.saveQuietly({ definition: merge.survey, revision: stale.theirs.revision });
          }}
          onTakeTheirs={() => actions.takeTheirs(stale.theirs)}
        />
      )}
      {nameIssues && (
        <DataNamePanel
          issues={nameIssues.issues}
          busy={busy}
          onCancel={saving.dismissNameIssues}
          onConfirm={(names) => void saving.saveQuietly({ confirm: names, source: nameIssues.source })}
        />
      )}
    </>
  );
}
