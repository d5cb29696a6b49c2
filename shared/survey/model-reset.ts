import type { Model, Question } from "survey-core";

/**
 * What a survey-core 3.0.0 Model keeps from one interview to the next beyond `data`, and how to put it
 * back as a fresh Model has it (issue 16, finding 3; docs/decisions/0045). Setting `data` resets
 * answers, conditions and calculated values, but:
 *
 * - **Questions keep their previous answer while the new data is written in, one question at a time**
 *   (`updateAllQuestionsValue`, in document order). A question whose choices come from another
 *   (`choicesFromQuestion`) is updated when its source is: it then still holds the previous interview's
 *   answer, which may not be among its new choices, and survey-core clears it — in the survey's data,
 *   so the new interview's answer to it is lost ("Response required." on a reused Model, none on a fresh
 *   one; the differential suite found it). Emptying the Model first (`data = {}`) means every question
 *   starts the new interview unanswered, as on a fresh Model.
 * - **A dynamic panel's panels and a dynamic matrix's rows stay** when the new interview has fewer (or
 *   none): a fresh Model starts from `panelCount` / `rowCount` as the definition sets them. They are put
 *   back to those counts.
 * - **What a trigger did to an element** (a legacy `visible` trigger shows or hides a question) is not
 *   undone by `data`: every page's, panel's and question's `visible` is put back as it was when the
 *   Model was built, before conditions run again. The survey's current page (a `skip` trigger) is put
 *   back too.
 *
 * The differential suite checks this on every corpus survey: a reused Model judges exactly as a fresh
 * one, in any order (`differential-suite.ts`). Interviews with values a question cannot take are still
 * validated on a Model of their own (survey-core reworks such values while it validates).
 */
export interface ModelSnapshot {
  counts: { question: Question; property: "panelCount" | "rowCount"; value: number }[];
  visible: { element: { visible: boolean }; value: boolean }[];
  firstPage: unknown;
}

const snapshots = new WeakMap<Model, ModelSnapshot>();

/** Records what `resetModel` restores; call once, on a Model that has validated nothing yet. */
export function snapshotModel(model: Model): ModelSnapshot {
  let snapshot = snapshots.get(model);
  if (snapshot) return snapshot;
  const counts: ModelSnapshot["counts"] = [];
  const visible: ModelSnapshot["visible"] = [];
  for (const question of model.getAllQuestions(false, false, true)) {
    const q = question as Question & { panelCount?: number; rowCount?: number };
    if (question.getType() === "paneldynamic")
      counts.push({ question, property: "panelCount", value: Number(q.panelCount ?? 0) });
    if (question.getType() === "matrixdynamic")
      counts.push({ question, property: "rowCount", value: Number(q.rowCount ?? 0) });
  }
  const elements = [
    ...model.pages,
    ...model.getAllPanels(false, true),
    ...model.getAllQuestions(false, false, true),
  ];
  for (const element of elements as unknown as { visible: boolean; visibleIf?: string }[])
    if (!element.visibleIf) visible.push({ element, value: element.visible });
  snapshot = { counts, visible, firstPage: model.currentPage };
  snapshots.set(model, snapshot);
  return snapshot;
}

/** Puts a reused Model back to how a fresh one starts an interview (see above). */
export function resetModel(model: Model, snapshot: ModelSnapshot = snapshotModel(model)): void {
  model.data = {};
  for (const { question, property, value } of snapshot.counts) {
    const q = question as unknown as Record<string, number>;
    if (q[property] !== value) q[property] = value;
  }
  for (const { element, value } of snapshot.visible) if (element.visible !== value) element.visible = value;
  if (snapshot.firstPage && model.currentPage !== snapshot.firstPage)
    model.currentPage = snapshot.firstPage as Model["currentPage"];
}
