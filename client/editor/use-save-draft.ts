import { useCallback, useEffect, useMemo, useState } from "react";
import type { Draft, FieldIssue } from "../../shared/contract/index.ts";
import { type MergeSide, mergeDrafts } from "../../shared/editor/merge.ts";
import { normaliseSurvey, type SurveyJson } from "../../shared/editor/survey-json.ts";
import type { HtmlRemoval } from "../../shared/html/sanitise-survey.ts";
import { ApiError } from "../api/api-error.ts";
import { saveDraft, staleDraft } from "../api/editor.ts";
import type { DraftEditorState } from "./use-draft.ts";

export interface SaveOptions {
  confirm?: string[];
  definition?: SurveyJson;
  revision?: number;
  source?: "editor" | "import";
}

/** Someone else saved first: their draft, and which side each clashing change keeps. */
export interface StaleDraft {
  theirs: Draft;
  choices: Record<string, MergeSide>;
}

/** A save that would move answers collected under published data names, waiting to be confirmed. */
export interface NameIssues {
  issues: FieldIssue[];
  source: "editor" | "import";
}

/**
 * Saving the working copy, and everything a save can answer: saved (perhaps with formatting taken out),
 * someone else saved first (merge), or published data names would change (confirm each). Ctrl+S saves;
 * leaving the page with unsaved changes asks first. `onSaved` hears of every saved draft.
 */
export function useSaveDraft(
  surveyId: string,
  editor: DraftEditorState,
  announce: (message: string) => void,
  onSaved: (draft: Draft) => void,
) {
  const { base, working, catalogue, dirty } = editor;
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [removedHtml, setRemovedHtml] = useState<{ removals: HtmlRemoval[]; survey: SurveyJson } | null>(
    null,
  );
  const [stale, setStale] = useState<StaleDraft | null>(null);
  const [nameIssues, setNameIssues] = useState<NameIssues | null>(null);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = useCallback(
    async (options: SaveOptions = {}) => {
      if (!working || !base) return;
      setBusy(true);
      setSaveError(null);
      setRemovedHtml(null);
      const source = options.source ?? "editor";
      try {
        const draft = await saveDraft(
          surveyId,
          {
            revision: options.revision ?? base.revision,
            title: catalogue.title,
            description: catalogue.description,
            definition: options.definition ?? working,
            confirmDataNameChanges: options.confirm ?? [],
          },
          source,
        );
        editor.adopt(draft);
        if (draft.removedHtml && draft.removedHtml.length > 0) {
          setRemovedHtml({ removals: draft.removedHtml, survey: normaliseSurvey(draft.definition) });
        }
        setStale(null);
        setNameIssues(null);
        onSaved(draft);
        announce(
          `Saved as revision ${draft.revision}.${draft.removedHtml?.length ? " Some formatting was taken out: see the note." : ""}`,
        );
        await editor.refresh();
      } catch (error) {
        const theirs = staleDraft(error);
        if (theirs) {
          setStale({ theirs, choices: {} });
          announce("Someone else saved this draft. Your changes are kept; see how to merge them.");
        } else if (error instanceof ApiError && error.code === "data_name_change_unconfirmed") {
          setNameIssues({ issues: error.problem.issues ?? [], source });
        } else {
          setSaveError(error);
        }
        throw error;
      } finally {
        setBusy(false);
      }
    },
    [working, base, catalogue, surveyId, editor, announce, onSaved],
  );

  const saveQuietly = useCallback((options?: SaveOptions) => save(options).catch(() => undefined), [save]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (dirty && !busy) void saveQuietly();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dirty, busy, saveQuietly]);

  const merge = useMemo(() => {
    if (!stale || !working || !base) return null;
    return mergeDrafts(
      normaliseSurvey(base.definition),
      working,
      normaliseSurvey(stale.theirs.definition),
      stale.choices,
    );
  }, [stale, working, base]);

  return {
    busy,
    saveError,
    removedHtml,
    dismissRemovedHtml: () => setRemovedHtml(null),
    stale,
    setStale,
    merge,
    nameIssues,
    dismissNameIssues: () => setNameIssues(null),
    save,
    saveQuietly,
  };
}
