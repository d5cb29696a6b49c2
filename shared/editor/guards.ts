import {
  allElements,
  dataName,
  type ElementJson,
  isAnswerable,
  isContainer,
  type SurveyJson,
  sameJson,
  textOf,
} from "./survey-json.ts";
import { isLocked, lockedPart } from "./wording.ts";

/**
 * The two rules that protect data already collected, checked on every save and every accepted
 * suggestion: the wording of a licensed (locked) question does not change, and a data name that was
 * published does not disappear or change type without someone saying so.
 */

export interface LockedChange {
  question: string;
  kind: "reworded" | "unlocked";
  message: string;
}

function questionsOf(survey: SurveyJson | null): Map<string, ElementJson> {
  const map = new Map<string, ElementJson>();
  if (!survey) return map;
  for (const { element } of allElements(survey)) {
    if (!isContainer(element) && !map.has(element.name)) map.set(element.name, element);
  }
  return map;
}

/**
 * A question locked in the saved draft (or, if the draft no longer has it, in the published version)
 * may not change its wording or options, and may be unlocked only by someone allowed to.
 */
export function lockedChanges(
  previous: SurveyJson | null,
  published: SurveyJson | null,
  next: SurveyJson,
): LockedChange[] {
  const before = questionsOf(previous);
  const atPublish = questionsOf(published);
  const changes: LockedChange[] = [];
  for (const [name, question] of questionsOf(next)) {
    const reference = before.get(name) ?? atPublish.get(name);
    if (!reference || !isLocked(reference)) continue;
    if (!isLocked(question)) {
      changes.push({
        question: name,
        kind: "unlocked",
        message: `“${name}” was locked and this save unlocks it.`,
      });
    } else if (!sameJson(lockedPart(reference), lockedPart(question))) {
      changes.push({
        question: name,
        kind: "reworded",
        message: `“${name}” is locked: its wording and options come from a licensed instrument and cannot change.`,
      });
    }
  }
  return changes;
}

export interface DataNameChange {
  /** The data name as published. */
  name: string;
  change: "removed" | "type_changed";
  /** A new data name that looks like the same question renamed, to say so in the message. */
  renamedTo?: string;
  message: string;
}

interface Answerable {
  dataName: string;
  type: string;
  title: string;
}

function answerables(survey: SurveyJson): Answerable[] {
  return allElements(survey)
    .map((v) => v.element)
    .filter(isAnswerable)
    .map((e) => ({ dataName: dataName(e), type: e.type, title: textOf(e.title) }));
}

/**
 * Published data names that the next definition drops or stores differently. Answers given under
 * the new version would not line up with the earlier ones, so the series breaks: that must be a
 * decision someone confirms, never a side effect of tidying a name.
 */
export function dataNameChanges(published: SurveyJson, next: SurveyJson): DataNameChange[] {
  const after = answerables(next);
  const byName = new Map(after.map((a) => [a.dataName, a]));
  const before = answerables(published);
  const publishedNames = new Set(before.map((a) => a.dataName));
  const changes: DataNameChange[] = [];
  for (const old of before) {
    const now = byName.get(old.dataName);
    if (now && now.type === old.type) continue;
    if (now) {
      changes.push({
        name: old.dataName,
        change: "type_changed",
        message: `“${old.dataName}” was published as ${old.type} and is now ${now.type}: earlier answers will not compare.`,
      });
      continue;
    }
    const likely = after.find(
      (a) =>
        !publishedNames.has(a.dataName) && a.type === old.type && a.title !== "" && a.title === old.title,
    );
    changes.push({
      name: old.dataName,
      change: "removed",
      ...(likely ? { renamedTo: likely.dataName } : {}),
      message: likely
        ? `“${old.dataName}” was published and is now called “${likely.dataName}”: answers under the new name start a new series.`
        : `“${old.dataName}” was published and is no longer in the survey: its series ends.`,
    });
  }
  return changes;
}
