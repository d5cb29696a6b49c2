import { useState } from "react";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { type EditorTab, EditorTabs } from "./EditorTabs.tsx";
import { HistoryPanel } from "./HistoryPanel.tsx";
import { ImportExportPanel } from "./ImportExportPanel.tsx";
import { QuestionsTab } from "./QuestionsTab.tsx";
import { ReviewTab } from "./ReviewTab.tsx";
import { SaveAnswers } from "./SaveAnswers.tsx";
import { SaveBar } from "./SaveBar.tsx";
import { TranslationPanel } from "./TranslationPanel.tsx";
import { useSurveyEditor } from "./use-survey-editor.ts";

/**
 * One survey in the co-design editor: the save bar, what a save answered, and one tab at a time
 * (questions, review, history, import/export, languages). What the tabs edit is held by
 * `useSurveyEditor`; this file only lays them out.
 */
export function SurveyEditor({ surveyId }: { surveyId: string }) {
  const editor = useSurveyEditor(surveyId);
  const [tab, setTab] = useState<EditorTab>("questions");
  const [showPreview, setShowPreview] = useState(false);

  if (editor.status === "failed") {
    return (
      <>
        <PageHeading>Survey not found</PageHeading>
        <ErrorAlert error={editor.error} heading="This survey could not be opened" />
        <Link to="/editor">Back to all surveys</Link>
      </>
    );
  }
  if (editor.status === "loading") return <Loading what="the survey" />;

  const { dirty, catalogue } = editor.editor;
  return (
    <div className="editor">
      <PageHeading>{`Editing: ${catalogue.title || surveyId}`}</PageHeading>
      <p className="editor__crumbs">
        <Link to="/editor">All surveys</Link>
      </p>
      <SaveBar editor={editor} />
      <SaveAnswers editor={editor} />
      <EditorTabs tab={tab} openSuggestions={editor.survey.openSuggestions} onTab={setTab} />

      {tab === "questions" && (
        <QuestionsTab editor={editor} showPreview={showPreview} onShowPreview={setShowPreview} />
      )}
      {tab === "review" && <ReviewTab editor={editor} onOpenQuestions={() => setTab("questions")} />}
      {tab === "history" && <HistoryPanel surveyId={surveyId} refreshKey={editor.historyKey} />}
      {tab === "languages" && (
        <TranslationPanel
          surveyId={surveyId}
          role={editor.me.role}
          unsaved={dirty}
          onChanged={() => void editor.editor.refresh()}
        />
      )}
      {tab === "import" && (
        <ImportExportPanel surveyId={surveyId} unsaved={dirty} onImport={editor.actions.importDefinition} />
      )}
    </div>
  );
}
