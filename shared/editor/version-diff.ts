import type { ItemDiff, StringDiff } from "../contract/wording-diff.ts";
import { allElements, isContainer, type SurveyJson, textOf } from "./survey-json.ts";
import { diffWords, hasChanges } from "./word-diff.ts";
import { elementWording, pageWording, surveyWording, type WordingString } from "./wording.ts";

/**
 * The readable difference in wording between two versions of a survey: per question (matched by
 * name), each participant-facing string that was added, removed or reworded, as word segments.
 */
export type { ItemDiff };

function diffStrings(before: WordingString[], after: WordingString[]): StringDiff[] {
  const byKey = new Map(before.map((s) => [s.key, s]));
  const diffs: StringDiff[] = [];
  const seen = new Set<string>();
  for (const s of after) {
    seen.add(s.key);
    const old = byKey.get(s.key);
    const segments = diffWords(old?.text ?? "", s.text);
    if (hasChanges(segments)) diffs.push({ key: s.key, label: s.label, segments });
  }
  for (const s of before) {
    if (!seen.has(s.key)) diffs.push({ key: s.key, label: s.label, segments: diffWords(s.text, "") });
  }
  return diffs;
}

export function diffWording(before: SurveyJson, after: SurveyJson): ItemDiff[] {
  const items: ItemDiff[] = [];
  const surveyStrings = diffStrings(surveyWording(before), surveyWording(after));
  if (surveyStrings.length > 0) {
    items.push({ kind: "survey", name: "", title: "The survey", status: "changed", strings: surveyStrings });
  }

  const pagesBefore = new Map(before.pages.map((p) => [p.name, p]));
  const pagesAfter = new Map(after.pages.map((p) => [p.name, p]));
  for (const [name, page] of pagesAfter) {
    const old = pagesBefore.get(name);
    const strings = diffStrings(old ? pageWording(old) : [], pageWording(page));
    if (strings.length > 0) {
      items.push({
        kind: "page",
        name,
        title: textOf(page.title) || name,
        status: old ? "changed" : "added",
        strings,
      });
    }
  }
  for (const [name, page] of pagesBefore) {
    if (pagesAfter.has(name)) continue;
    const strings = diffStrings(pageWording(page), []);
    if (strings.length > 0) {
      items.push({ kind: "page", name, title: textOf(page.title) || name, status: "removed", strings });
    }
  }

  const questionsBefore = new Map(
    allElements(before)
      .filter((v) => !isContainer(v.element))
      .map((v) => [v.element.name, v.element]),
  );
  const questionsAfter = allElements(after)
    .filter((v) => !isContainer(v.element))
    .map((v) => v.element);
  const namesAfter = new Set(questionsAfter.map((q) => q.name));
  for (const question of questionsAfter) {
    const old = questionsBefore.get(question.name);
    const strings = diffStrings(old ? elementWording(old) : [], elementWording(question));
    if (!old || strings.length > 0) {
      items.push({
        kind: "question",
        name: question.name,
        title: textOf(question.title) || question.name,
        status: old ? "changed" : "added",
        strings,
      });
    }
  }
  for (const [name, question] of questionsBefore) {
    if (namesAfter.has(name)) continue;
    items.push({
      kind: "question",
      name,
      title: textOf(question.title) || name,
      status: "removed",
      strings: diffStrings(elementWording(question), []),
    });
  }
  return items;
}
