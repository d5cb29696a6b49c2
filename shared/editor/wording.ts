import { type ElementJson, itemsOf, type JsonObject, type SurveyJson, textOf } from "./survey-json.ts";

/**
 * The words a participant reads. The plain-language check, the version diff and the lock on licensed
 * questions all look at the same strings, listed here once. An interviewer note is read by the peer
 * researcher, not the participant, so it is not here.
 */
export interface WordingString {
  /** Stable key within its owner: "title", "description", "choice:own", "row:r1", … */
  key: string;
  /** What a person would call it: "Question", "Help text", "Choice “My own place”". */
  label: string;
  text: string;
}

const SINGLE_STRINGS: readonly [string, string][] = [
  ["title", "Question"],
  ["description", "Help text"],
  ["html", "Information text"],
  ["placeholder", "Placeholder"],
  ["labelTrue", "“Yes” label"],
  ["labelFalse", "“No” label"],
  ["minRateDescription", "Lowest point label"],
  ["maxRateDescription", "Highest point label"],
  ["otherText", "“Other” choice"],
  ["noneText", "“None” choice"],
];

const ITEM_LISTS: readonly [string, string][] = [
  ["choices", "Choice"],
  ["rateValues", "Scale point"],
  ["rows", "Row"],
  ["columns", "Column"],
];

/** Strips tags from an information (html) item so it can be read as words. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/(p|div|li|h\d)>|<br\s*\/?>/gi, ". ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

export function elementWording(element: ElementJson): WordingString[] {
  const strings: WordingString[] = [];
  for (const [key, label] of SINGLE_STRINGS) {
    const raw = textOf(element[key]);
    const text = key === "html" ? htmlToText(raw) : raw;
    if (text.trim()) strings.push({ key, label, text });
  }
  for (const [list, label] of ITEM_LISTS) {
    for (const item of itemsOf(element[list])) {
      if (item.text.trim()) {
        strings.push({
          key: `${list}:${String(item.value)}`,
          label: `${label} “${item.text}”`,
          text: item.text,
        });
      }
    }
  }
  return strings;
}

export function pageWording(page: JsonObject): WordingString[] {
  const strings: WordingString[] = [];
  const title = textOf(page.title);
  const description = textOf(page.description);
  if (title.trim()) strings.push({ key: "title", label: "Page title", text: title });
  if (description.trim()) strings.push({ key: "description", label: "Page help text", text: description });
  return strings;
}

export function surveyWording(survey: SurveyJson): WordingString[] {
  const strings: WordingString[] = [];
  const title = textOf(survey.title);
  const description = textOf(survey.description);
  if (title.trim()) strings.push({ key: "title", label: "Survey title", text: title });
  if (description.trim())
    strings.push({ key: "description", label: "Survey introduction", text: description });
  const completed = htmlToText(textOf(survey.completedHtml));
  if (completed) strings.push({ key: "completedHtml", label: "Thank-you text", text: completed });
  return strings;
}

/** The properties whose values a locked (licensed) question may not change. */
export const LOCKED_PROPERTIES: readonly string[] = [
  "type",
  "licence",
  ...SINGLE_STRINGS.map(([key]) => key),
  ...ITEM_LISTS.map(([key]) => key),
  "rateMin",
  "rateMax",
  "rateStep",
  "rateCount",
  "valueTrue",
  "valueFalse",
  "inputType",
  "showNoneItem",
  "showOtherItem",
];

export function isLocked(element: ElementJson | undefined): boolean {
  return element?.locked === true;
}

export function lockedPart(element: ElementJson): JsonObject {
  const part: JsonObject = {};
  for (const key of LOCKED_PROPERTIES) if (element[key] !== undefined) part[key] = element[key];
  return part;
}
