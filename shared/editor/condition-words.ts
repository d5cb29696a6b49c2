import { type ConditionRule, type ConditionValue, parseCondition } from "./condition.ts";
import { type ElementJson, itemsOf, textOf } from "./survey-json.ts";

/**
 * A condition in words, for the people who write the questions: "Only ask this if they said Yes to
 * ‘Did you give consent?’". Built from what `parseCondition` understands; anything else is described
 * as a condition the builder cannot put into words, and its expression is shown only under "Advanced".
 */
export type ConditionWords =
  | { kind: "always"; sentence: string }
  | { kind: "plain"; sentence: string }
  | { kind: "not-understood"; sentence: string };

const quote = (text: string) => `“${text}”`;

function questionWording(question: ElementJson | undefined): string {
  return quote(
    question
      ? textOf(question.title) || "a question with no wording yet"
      : "a question that is no longer in the survey",
  );
}

function answerText(question: ElementJson | undefined, value: ConditionValue | undefined): string {
  if (value === undefined) return "";
  if (question?.type === "boolean" && typeof value === "boolean") {
    return value ? textOf(question.labelTrue) || "Yes" : textOf(question.labelFalse) || "No";
  }
  const items = itemsOf(question?.choices ?? question?.rateValues);
  const item = items.find((i) => String(i.value) === String(value));
  return item ? item.text : String(value);
}

function ruleWords(rule: ConditionRule, question: ElementJson | undefined): string {
  const q = questionWording(question);
  const answer = answerText(question, rule.value);
  const isBoolean = question?.type === "boolean";
  switch (rule.operator) {
    case "equals":
      return isBoolean ? `they said ${answer} to ${q}` : `they answered ${quote(answer)} to ${q}`;
    case "notEquals":
      return isBoolean
        ? `they did not say ${answer} to ${q}`
        : `they did not answer ${quote(answer)} to ${q}`;
    case "contains":
      return `they chose ${quote(answer)} in ${q}`;
    case "notContains":
      return `they did not choose ${quote(answer)} in ${q}`;
    case "greater":
      return `their answer to ${q} is more than ${answer}`;
    case "greaterOrEqual":
      return `their answer to ${q} is ${answer} or more`;
    case "less":
      return `their answer to ${q} is less than ${answer}`;
    case "lessOrEqual":
      return `their answer to ${q} is ${answer} or less`;
    case "answered":
      return `they answered ${q}`;
    case "notAnswered":
      return `they did not answer ${q}`;
    default:
      return rule.operator satisfies never;
  }
}

/** The condition on a question, in a sentence; `questions` are the survey's questions, to name them by wording. */
export function describeCondition(expression: string, questions: readonly ElementJson[]): ConditionWords {
  const parsed = parseCondition(expression);
  if (parsed === null) {
    return {
      kind: "not-understood",
      sentence:
        "This question is only asked when a condition is met, but the condition is too complex to put into words here. Someone who knows the survey software can see it under “Advanced”.",
    };
  }
  if (parsed.rules.length === 0) return { kind: "always", sentence: "Always asked." };
  const byName = new Map(questions.map((q) => [q.name, q]));
  const parts = parsed.rules.map((rule) => ruleWords(rule, byName.get(rule.question)));
  const joined =
    parts.length === 1
      ? parts[0]
      : `${parts.slice(0, -1).join(", ")}${parsed.combinator === "and" ? " and " : " or "}${parts.at(-1)}`;
  const lead =
    parts.length > 1 && parsed.combinator === "or"
      ? "Only ask this if any of these is true: "
      : "Only ask this if ";
  return { kind: "plain", sentence: `${lead}${joined}.` };
}
