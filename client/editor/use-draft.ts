import { useCallback, useEffect, useMemo, useState } from "react";
import type { Draft, DraftView } from "../../shared/contract/index.ts";
import { normaliseSurvey, type SurveyJson, sameJson } from "../../shared/editor/survey-json.ts";
import { fetchDraftView } from "../api/editor.ts";

/**
 * The editor's working copy beside the server's draft. `base` is the saved draft the working copy
 * started from; a save names its revision, so if someone else saved in between the server refuses and
 * the editor merges. Reloading the view (after a comment, a sign-off…) moves `base` on only when
 * there are no unsaved changes, so nothing local is ever overwritten by a refresh.
 */
export interface DraftEditorState {
  view: DraftView | null;
  loadError: unknown;
  base: Draft | null;
  working: SurveyJson | null;
  catalogue: { title: string; description: string };
  dirty: boolean;
  setWorking: (survey: SurveyJson) => void;
  setCatalogue: (catalogue: { title: string; description: string }) => void;
  /** Fetches the view again; adopts the server's draft if there is nothing unsaved. */
  refresh: () => Promise<DraftView>;
  /** Makes `draft` the new base and working copy (after a save, or taking the other person's). */
  adopt: (draft: Draft) => void;
}

export function useDraftEditor(surveyId: string): DraftEditorState {
  const [view, setView] = useState<DraftView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [base, setBase] = useState<Draft | null>(null);
  const [working, setWorking] = useState<SurveyJson | null>(null);
  const [catalogue, setCatalogue] = useState({ title: "", description: "" });

  const baseSurvey = useMemo(() => (base ? normaliseSurvey(base.definition) : null), [base]);
  const dirty =
    base !== null &&
    working !== null &&
    (!sameJson(working, baseSurvey) ||
      catalogue.title !== base.title ||
      catalogue.description !== base.description);

  const adopt = useCallback((draft: Draft) => {
    setBase(draft);
    setWorking(normaliseSurvey(draft.definition));
    setCatalogue({ title: draft.title, description: draft.description });
  }, []);

  const refresh = useCallback(async () => {
    const next = await fetchDraftView(surveyId);
    setView(next);
    return next;
  }, [surveyId]);

  // Adopt a newer server draft when nothing is unsaved.
  useEffect(() => {
    if (!view) return;
    if (base === null) {
      adopt(view.draft);
      return;
    }
    // Only ever forward: a view fetched before our own save must not put the older draft back.
    const newer =
      view.draft.revision > base.revision ||
      (view.draft.revision === base.revision && view.draft.status !== base.status);
    if (!dirty && newer) adopt(view.draft);
  }, [view, base, dirty, adopt]);

  useEffect(() => {
    let live = true;
    fetchDraftView(surveyId).then(
      (v) => live && setView(v),
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [surveyId]);

  return { view, loadError, base, working, catalogue, dirty, setWorking, setCatalogue, refresh, adopt };
}
