import { hasChoices, newQuestion, type QuestionType } from "../../../shared/editor/question-types.ts";
import type { ElementJson } from "../../../shared/editor/survey-json.ts";

const KEEP_ON_TYPE_CHANGE = [
  "name",
  "title",
  "description",
  "visibleIf",
  "isRequired",
  "outcome",
  "indicator",
  "interviewerNote",
  "sensitive",
  "valueName",
];

/** A new type keeps what every question has (wording, condition, tags) and starts the rest afresh. */
export function changeType(element: ElementJson, type: QuestionType): ElementJson {
  const fresh = newQuestion(type, element.name);
  const kept: Record<string, unknown> = {};
  for (const key of KEEP_ON_TYPE_CHANGE) if (element[key] !== undefined) kept[key] = element[key];
  if (hasChoices(type) && hasChoices(element.type) && Array.isArray(element.choices))
    kept.choices = element.choices;
  if (type === "html") {
    delete kept.title;
    delete kept.isRequired;
    delete kept.outcome;
    delete kept.indicator;
  }
  return { ...fresh, ...kept, type, name: element.name };
}
