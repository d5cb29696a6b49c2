import { useCallback, useEffect, useRef, useState } from "react";
import type { Draft } from "../../shared/contract/index.ts";
import { wordingFinder } from "../../shared/editor/change-summary.ts";
import {
  duplicateElement,
  elementAt,
  insertElement,
  listElements,
  moveByStep,
  moveElement,
  type Position,
  removeElement,
  replaceElement,
  uniqueName,
} from "../../shared/editor/definition.ts";
import { newQuestion, type QuestionType, questionTypeLabels } from "../../shared/editor/question-types.ts";
import {
  allElements,
  type ElementJson,
  isContainer,
  normaliseSurvey,
  type SurveyJson,
  textOf,
} from "../../shared/editor/survey-json.ts";
import { ApiError } from "../api/api-error.ts";
import { publishDraft } from "../api/editor.ts";
import { useMe } from "../auth/session.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { useDraftEditor } from "./use-draft.ts";
import { useDraftChecks } from "./use-draft-checks.ts";
import { useSaveDraft } from "./use-save-draft.ts";

/** The id of the wording field, focused when a new question's form opens. */
export const WORDING_FIELD_ID = "question-wording";

/**
 * Everything one survey's editor holds, for the tabs to show: the draft and its working copy
 * (use-draft.ts), the checks run as you type, saving (use-save-draft.ts), which question is open, and
 * the changes made to the working copy from the list and the question's form. Until the draft has
 * loaded there is nothing to edit: the state is `loading`, or `failed` with the reason.
 */
export function useSurveyEditor(surveyId: string) {
  const me = useMe();
  const announce = useAnnounce();
  const editor = useDraftEditor(surveyId);
  const { view, base, working } = editor;
  const [selected, setSelected] = useState<Position | null>(null);
  const [originalName, setOriginalName] = useState("");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const focusWording = useRef(false);
  const checks = useDraftChecks(working);

  const select = useCallback(
    (at: Position | null) => {
      setSelected(at);
      setConfirmRemove(false);
      setOriginalName(at && working ? (elementAt(working, at)?.name ?? "") : "");
    },
    [working],
  );

  useEffect(() => {
    if (!focusWording.current) return;
    focusWording.current = false;
    document.getElementById(WORDING_FIELD_ID)?.focus();
  });

  // After a save the open question's name is the saved one: a rename is no longer pending.
  const onSaved = useCallback(
    (draft: Draft) =>
      setOriginalName(selected ? (elementAt(normaliseSurvey(draft.definition), selected)?.name ?? "") : ""),
    [selected],
  );
  const saving = useSaveDraft(surveyId, editor, announce, onSaved);

  if (editor.loadError) return { status: "failed" as const, error: editor.loadError };
  if (!view || !working || !base) return { status: "loading" as const };

  const savedSurvey = normaliseSurvey(view.draft.definition);
  const openSuggestions = new Map<string, number>();
  for (const s of view.suggestions) {
    if (s.status === "open") openSuggestions.set(s.question, (openSuggestions.get(s.question) ?? 0) + 1);
  }
  const commentCounts = new Map<string, number>();
  for (const c of view.comments)
    if (c.question) commentCounts.set(c.question, (commentCounts.get(c.question) ?? 0) + 1);

  const update = (next: SurveyJson) => editor.setWorking(next);

  const addQuestion = (type: QuestionType) => {
    const lastPage = working.pages.length - 1;
    const at = selected
      ? { page: selected.page, index: selected.index + 1 }
      : { page: lastPage, index: working.pages[lastPage]?.elements.length ?? 0 };
    const name = uniqueName(working, type === "html" ? "info" : "question");
    update(insertElement(working, at, newQuestion(type, name)));
    setSelected(at);
    setOriginalName(name);
    setConfirmRemove(false);
    focusWording.current = true;
    announce(`Added a ${questionTypeLabels[type].toLowerCase()} question. Its form is open.`);
  };

  const step = (at: Position, direction: -1 | 1) => {
    const moved = moveByStep(working, at, direction);
    update(moved.survey);
    if (selected && selected.page === at.page && selected.index === at.index) setSelected(moved.at);
    const element = elementAt(moved.survey, moved.at);
    announce(
      `Moved “${textOf(element?.title) || element?.name}” to position ${moved.at.index + 1} on page ${moved.at.page + 1}.`,
    );
    // Keep focus on the same button of the moved row, so pressing again keeps moving it.
    const label = `Move “${textOf(element?.title) || element?.name}” ${direction === -1 ? "up" : "down"}`;
    requestAnimationFrame(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>(".qlist button")].find(
        (b) => b.getAttribute("aria-label") === label,
      );
      if (button && !button.disabled) button.focus();
    });
  };

  const move = (from: Position, to: Position) => {
    const moved = moveElement(working, from, to);
    update(moved);
    if (selected && selected.page === from.page && selected.index === from.index) setSelected(to);
    announce(`Moved to position ${to.index + 1} on page ${to.page + 1}.`);
  };

  const duplicate = (at: Position) => {
    const copy = duplicateElement(working, at);
    update(copy.survey);
    setSelected(copy.at);
    setOriginalName(elementAt(copy.survey, copy.at)?.name ?? "");
    announce("Duplicated. The copy is open.");
  };

  const remove = (at: Position) => {
    update(removeElement(working, at));
    select(null);
    announce("Question removed. Save to keep the change.");
  };

  const runAndRefresh = async (action: () => Promise<unknown>, message: string) => {
    await action();
    announce(message);
    await editor.refresh();
  };

  const importDefinition = async (definition: Record<string, unknown>): Promise<"saved" | "confirm"> => {
    const survey = normaliseSurvey(definition);
    editor.setWorking(survey);
    setSelected(null);
    try {
      await saving.save({ definition: survey, source: "import" });
      return "saved";
    } catch (error) {
      if (error instanceof ApiError && error.code === "data_name_change_unconfirmed") return "confirm";
      throw error;
    }
  };

  const publish = async (reason: string | undefined) => {
    const result = await publishDraft(surveyId, {
      revision: view.draft.revision,
      ...(reason ? { reason } : {}),
    });
    announce(`Published version ${result.version}.`);
    setHistoryKey((k) => k + 1);
    await editor.refresh();
    return result.version;
  };

  /** Loads the draft someone else saved in place of the working copy. */
  const takeTheirs = (theirs: Draft) => {
    editor.adopt(theirs);
    saving.setStale(null);
    setSelected(null);
    void editor.refresh();
    announce(`Loaded revision ${theirs.revision}.`);
  };

  return {
    status: "ready" as const,
    surveyId,
    me,
    editor,
    view,
    base,
    working,
    checks,
    saving,
    historyKey,
    /** The open question, where it is and the name it had when opened (to notice a rename). */
    selection: {
      selected,
      current: selected ? elementAt(working, selected) : undefined,
      originalName,
      confirmRemove,
      setConfirmRemove,
      select,
    },
    /** What the tabs read from the working copy and the saved draft. */
    survey: {
      elements: listElements(working),
      questions: allElements(working)
        .map((v) => v.element)
        .filter((e) => !isContainer(e)),
      knownNames: new Set(allElements(working).map((v) => v.element.name)),
      publishedNames: new Set(view.publishedDataNames),
      savedSurvey,
      wordingOf: wordingFinder(working, savedSurvey),
      openSuggestions,
      commentCounts,
      canDecide: me.role === "coordinator" || me.role === "admin" || base.owner?.id === me.id,
    },
    actions: {
      update,
      replace: (at: Position, element: ElementJson) => update(replaceElement(working, at, element)),
      addQuestion,
      step,
      move,
      duplicate,
      remove,
      runAndRefresh,
      importDefinition,
      publish,
      takeTheirs,
    },
  };
}

/** The editor once its draft has loaded: what every tab is given. */
export type SurveyEditorState = Extract<ReturnType<typeof useSurveyEditor>, { status: "ready" }>;
