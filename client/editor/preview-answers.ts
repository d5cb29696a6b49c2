import type { Model, Question } from "survey-core";
import { parseCondition } from "../../shared/editor/condition.ts";

/**
 * Answers the preview fills in by itself so the question being edited can be seen at once: every
 * required question on earlier pages (the survey will not move on without them), and what the
 * question's own simple condition asks for. Nothing already answered is changed; nothing is saved.
 */
function sampleAnswer(question: Question): unknown {
  const q = question as Question & Record<string, unknown>;
  const first = (list: unknown) =>
    Array.isArray(list) && list.length > 0 ? (list[0] as { value?: unknown }).value : undefined;
  switch (question.getType()) {
    case "boolean":
      return true;
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return first(q.visibleChoices);
    case "checkbox":
    case "tagbox": {
      const value = first(q.visibleChoices);
      return value === undefined ? undefined : [value];
    }
    case "rating":
      return first(q.visibleRateValues) ?? q.rateMin ?? 1;
    case "text":
      if (q.inputType === "number" || q.inputType === "range") return typeof q.min === "number" ? q.min : 1;
      if (q.inputType === "email") return "name@example.org";
      if (q.inputType === "date") return "2026-01-01";
      return "Example answer";
    case "comment":
      return "Example answer";
    case "matrix": {
      const column = first(q.visibleColumns);
      const rows = Array.isArray(q.visibleRows) ? (q.visibleRows as { value: unknown }[]) : [];
      return column === undefined
        ? undefined
        : Object.fromEntries(rows.map((r) => [String(r.value), column]));
    }
    default:
      return undefined;
  }
}

/** The answers the preview filled in itself, by value name: these it may change again; the editor's own it never does. */
export type PreviewFills = Map<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Fills earlier required answers and the edited question's condition; returns the wording of each
 * answer filled. An answer the preview filled earlier (say for a condition's first choice, before the
 * editor picked the one they meant) is changed to what the condition now asks for.
 */
export function fillToReach(
  model: Model,
  questionName: string | null,
  pageIndex: number,
  fills: PreviewFills = new Map(),
): string[] {
  const filled: string[] = [];
  const fill = (question: Question, value: unknown) => {
    if (value === undefined) return;
    const name = question.getValueName();
    const current = model.getValue(name);
    const ours = fills.has(name) && same(current, fills.get(name));
    if (!question.isEmpty() && !ours) return;
    if (ours && same(current, value)) return;
    model.setValue(name, value);
    fills.set(name, value);
    filled.push(question.title);
  };
  const target = questionName ? model.getQuestionByName(questionName) : null;
  // The condition first: its answers win over sample answers.
  if (target && !target.isVisible && typeof target.visibleIf === "string") {
    const condition = parseCondition(target.visibleIf);
    const rules = condition
      ? condition.combinator === "or"
        ? condition.rules.slice(0, 1)
        : condition.rules
      : [];
    for (const rule of rules) {
      const source = model.getQuestionByName(rule.question);
      if (!source) continue;
      const value = rule.value;
      switch (rule.operator) {
        case "equals":
        case "greaterOrEqual":
        case "lessOrEqual":
          fill(source, value);
          break;
        case "greater":
          fill(source, typeof value === "number" ? value + 1 : undefined);
          break;
        case "less":
          fill(source, typeof value === "number" ? value - 1 : undefined);
          break;
        case "contains":
          fill(source, value === undefined ? undefined : [value]);
          break;
        case "answered":
          fill(source, sampleAnswer(source));
          break;
        default:
          break; // "is not" and "not answered" hold while the question is empty
      }
    }
  }
  // Then the required answers, so a first-choice sample never blocks the condition's own answer.
  for (let p = 0; p < Math.min(pageIndex, model.pages.length); p += 1) {
    const page = model.pages[p];
    if (!page) continue;
    // In order, since an answer can make a later question appear.
    for (const question of page.questions) {
      if (question.isVisible && question.isRequired && question.isEmpty())
        fill(question, sampleAnswer(question));
    }
  }
  return filled;
}
