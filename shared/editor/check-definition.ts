import { Serializer } from "survey-core";
import type { DefinitionIssue } from "../contract/definition-issue.ts";
import { surveyFields } from "../survey/fields.ts";
import { indicatorKind } from "../survey/indicator-kind.ts";
import { createSurveyModel } from "../survey/model.ts";
import { checkExpression } from "./condition.ts";
import { hasChoices } from "./question-types.ts";
import {
  allElements,
  dataName,
  isAnswerable,
  isObject,
  itemsOf,
  type JsonObject,
  normaliseSurvey,
  type SurveyJson,
} from "./survey-json.ts";

/**
 * Everything wrong with a survey definition, as values. survey-core's own `jsonErrors` (unknown
 * properties, unknown question types, missing names) are reported word for word, so an imported file
 * never loses a part silently; Alongside's rules add what survey-core accepts but fieldwork cannot
 * live with: duplicate or unsafe data names, broken conditions, outcome tags that are not outcomes,
 * choice questions with no choices, and script in information text.
 *
 * Errors stop a save; warnings are shown and allowed in a draft, and `publishBlockers` turns the
 * ones that matter for data into errors at publish.
 */
export type { DefinitionIssue };

export interface DefinitionReport {
  issues: DefinitionIssue[];
  questionCount: number;
}

/** Data names end up as column names in R, SPSS and Excel, and inside `{…}` in conditions. */
export const DATA_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const UNSAFE_HTML = /<\s*(script|iframe|object|embed|style|link|meta|form|base)\b|\son\w+\s*=|javascript:/i;

/** Script, frames, forms or event handlers in information text: refused at save, never previewed. */
export function isUnsafeHtml(html: string): boolean {
  return UNSAFE_HTML.test(html);
}

export interface CheckOptions {
  /** Theory-of-change outcome ids a question may be tagged with; omitted means "do not check". */
  outcomeIds?: ReadonlySet<string>;
}

export function checkDefinition(definition: unknown, options: CheckOptions = {}): DefinitionReport {
  const issues: DefinitionIssue[] = [];
  const model = createSurveyModel(definition);
  for (const error of model.jsonErrors ?? []) {
    const owner = (error as { element?: { name?: unknown } }).element;
    const name = typeof owner?.name === "string" ? owner.name : undefined;
    issues.push({
      severity: "error",
      code: "json_error",
      ...(name ? { question: name } : {}),
      message: name ? `${error.message} (in “${name}”)` : error.message,
    });
  }

  // The answers the outcome dashboards can count: the same rule the server reads indicators by.
  const counted = new Set(
    surveyFields(model)
      .filter((field) => indicatorKind(field) !== null)
      .map((field) => field.name),
  );

  const survey = normaliseSurvey(definition);
  const visits = allElements(survey);
  const names = new Map<string, number>();
  const dataNames = new Map<string, number>();
  for (const { element } of visits) {
    names.set(element.name, (names.get(element.name) ?? 0) + 1);
    if (isAnswerable(element)) dataNames.set(dataName(element), (dataNames.get(dataName(element)) ?? 0) + 1);
  }
  for (const page of survey.pages) names.set(page.name, (names.get(page.name) ?? 0) + 1);
  const known = new Set(dataNames.keys());
  for (const { element } of visits) known.add(element.name);

  const reported = new Set<string>();
  for (const [name, count] of names) {
    if (count > 1 && name) {
      reported.add(name);
      issues.push({
        severity: "error",
        code: "duplicate_name",
        question: name,
        message: `The name “${name}” is used ${count} times. Each question and page needs its own name.`,
      });
    }
  }
  for (const [name, count] of dataNames) {
    if (count > 1 && !reported.has(name)) {
      issues.push({
        severity: "error",
        code: "duplicate_name",
        question: name,
        message: `${count} questions store their answer as “${name}”.`,
      });
    }
  }

  // Inside a dynamic panel, `{panel.x}` (and the previous or enclosing panel's) names its own questions.
  const dynamicPanels = new Set(
    visits.filter((v) => v.element.type === "paneldynamic").map((v) => v.element.name),
  );
  const knownInPanel = new Set([...known, "panel", "prevPanel", "parentPanel"]);
  let questionCount = 0;
  for (const { element, panels } of visits) {
    const knownHere = panels.some((p) => dynamicPanels.has(p)) ? knownInPanel : known;
    const name = element.name;
    if (isAnswerable(element)) {
      questionCount += 1;
      if (name && !DATA_NAME.test(dataName(element))) {
        issues.push({
          severity: "error",
          code: "bad_name",
          question: name,
          message: `The data name “${dataName(element)}” must start with a letter and use only letters, digits and _ (at most 64).`,
        });
      }
    }
    for (const key of ["visibleIf", "enableIf", "requiredIf"]) {
      const expression = element[key];
      if (typeof expression !== "string") continue;
      for (const problem of checkExpression(expression, knownHere)) {
        issues.push({ severity: "error", code: "bad_expression", question: name, message: problem.message });
      }
    }
    const outcome = element.outcome;
    if (typeof outcome === "string" && outcome && options.outcomeIds && !options.outcomeIds.has(outcome)) {
      issues.push({
        severity: "warning",
        code: "unknown_outcome",
        question: name,
        message: `“${name}” is tagged with “${outcome}”, which is not an outcome in the theory of change.`,
      });
    }
    if (typeof outcome === "string" && outcome && isAnswerable(element) && !counted.has(dataName(element))) {
      issues.push({
        severity: "warning",
        code: "outcome_without_figure",
        question: name,
        // The editor names the question by its wording beside this; a data name means nothing to an expert.
        message:
          "This question is tagged with an outcome, but its answers will not be counted on the outcome dashboards. Only a yes or no question, a rating, a single choice whose choices have scores, or a number can be.",
      });
    }
    if (element.indicator && !element.outcome) {
      issues.push({
        severity: "warning",
        code: "indicator_without_outcome",
        question: name,
        message: `“${name}” has a direction but no outcome: choose the outcome it measures.`,
      });
    }
    // Choices loaded from a web address or carried forward from another question are not listed here.
    if (hasChoices(element.type) && !element.choicesByUrl && !element.choicesFromQuestion) {
      const items = itemsOf(element.choices);
      if (items.length === 0) {
        issues.push({
          severity: "error",
          code: "no_choices",
          question: name,
          message: `“${name}” has no choices to pick from.`,
        });
      }
      const values = items.map((i) => JSON.stringify(i.value));
      if (new Set(values).size !== values.length) {
        issues.push({
          severity: "error",
          code: "duplicate_choice",
          question: name,
          message: `Two choices of “${name}” store the same value.`,
        });
      }
    }
  }
  for (const where of unsafeHtml(definition)) {
    issues.push({
      severity: "error",
      code: "unsafe_html",
      message: `Information text at ${where} contains script, a frame or a form; only plain formatting is allowed.`,
    });
  }
  if (questionCount === 0) {
    issues.push({ severity: "warning", code: "no_questions", message: "The survey has no questions yet." });
  }
  return { issues, questionCount };
}

/** At publish, an outcome tag that is not an outcome would put answers on no dashboard: it blocks. */
export function publishBlockers(report: DefinitionReport): DefinitionIssue[] {
  const blockers = report.issues.filter(
    (i) => i.severity === "error" || i.code === "unknown_outcome" || i.code === "no_questions",
  );
  return blockers.map((i) => ({ ...i, severity: "error" }));
}

/** Paths of every string under a key containing "html", checked for script and frames. */
function unsafeHtml(definition: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: definition, path: "" }];
  while (stack.length > 0 && found.length < 20) {
    const next = stack.pop();
    if (!next) break;
    const { value, path } = next;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        stack.push({ value: v, path: `${path}[${i}]` });
      });
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const here = path ? `${path}.${key}` : key;
        if (/html/i.test(key)) {
          const texts = typeof v === "string" ? [v] : isObject(v) ? Object.values(v) : [];
          if (texts.some((t) => typeof t === "string" && UNSAFE_HTML.test(t))) found.push(here);
        } else stack.push({ value: v, path: here });
      }
    }
  }
  return found;
}

/**
 * Removes exactly the properties and elements survey-core does not know, and lists each one by its
 * path, for an import the person has chosen to keep without them. What cannot be placed is left as
 * it is, so a second check still reports it.
 */
export function stripUnknown(definition: unknown): { definition: SurveyJson; removed: string[] } {
  createSurveyModel({}); // registers Alongside's properties before the Serializer is asked
  const removed: string[] = [];
  const survey = structuredClone(normaliseSurvey(definition)) as SurveyJson;

  const visit = (node: JsonObject, className: string, path: string) => {
    for (const key of Object.keys(node)) {
      if (key === "type") continue;
      const here = `${path}.${key}`;
      const property = Serializer.findProperty(className, key) as
        | { className?: string; baseClassName?: string; classNamePart?: string }
        | null
        | undefined;
      if (!property) {
        removed.push(`${here} (not a property of ${className})`);
        delete node[key];
        continue;
      }
      const value = node[key];
      if (!Array.isArray(value)) continue;
      const kept: unknown[] = [];
      value.forEach((item, index) => {
        if (!isObject(item)) {
          kept.push(item);
          return;
        }
        const itemClass = classFor(item, property);
        if (!itemClass) {
          removed.push(`${here}[${index}] (unknown type “${String(item.type)}”)`);
          return;
        }
        visit(item, itemClass, `${here}[${index}]`);
        kept.push(item);
      });
      node[key] = kept;
    }
  };

  // Survey-level lists (triggers, calculated values) are left to survey-core's own report.
  for (const key of Object.keys(survey)) {
    if (key === "pages") continue;
    if (!Serializer.findProperty("survey", key)) {
      removed.push(`${key} (not a property of survey)`);
      delete survey[key];
    }
  }
  survey.pages.forEach((page, index) => {
    visit(page, "page", `pages[${index}]`);
  });
  return { definition: survey, removed };
}

function classFor(
  item: JsonObject,
  property: { className?: string; baseClassName?: string; classNamePart?: string },
): string | null {
  const type = typeof item.type === "string" ? item.type : undefined;
  if (property.baseClassName) {
    if (!type) return null;
    const full = `${type}${property.classNamePart ?? ""}`;
    if (Serializer.findClass(full)) return full;
    return Serializer.findClass(type) ? type : null;
  }
  if (property.className) return property.className;
  return type && Serializer.findClass(type) ? type : null;
}
