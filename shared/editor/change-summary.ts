import { allElements, type SurveyJson, sameJson, textOf } from "./survey-json.ts";

/** What one save changed, by question name, for the attribution log ("who changed what, when"). */
export interface ChangeSummary {
  added: string[];
  removed: string[];
  changed: string[];
  reordered: boolean;
  /** Survey or page settings (titles, introduction, page conditions). */
  settingsChanged: boolean;
}

export function summariseChanges(before: SurveyJson, after: SurveyJson): ChangeSummary {
  const old = new Map(allElements(before).map((v) => [v.element.name, v.element]));
  const now = new Map(allElements(after).map((v) => [v.element.name, v.element]));
  const added = [...now.keys()].filter((n) => !old.has(n));
  const removed = [...old.keys()].filter((n) => !now.has(n));
  const changed = [...now.keys()].filter((n) => {
    const o = old.get(n);
    const c = now.get(n);
    if (!o || !c) return false;
    const { elements: _a, templateElements: _b, ...oRest } = o;
    const { elements: _c, templateElements: _d, ...cRest } = c;
    return !sameJson(oRest, cRest);
  });
  const order = (s: SurveyJson) =>
    allElements(s)
      .map((v) => `${v.pageIndex}:${v.element.name}`)
      .filter((k) => {
        const name = k.slice(k.indexOf(":") + 1);
        return old.has(name) && now.has(name);
      });
  const settings = (s: SurveyJson) => ({
    ...s,
    pages: s.pages.map(({ elements: _e, ...rest }) => rest),
  });
  return {
    added,
    removed,
    changed,
    reordered: order(before).join("|") !== order(after).join("|"),
    settingsChanged: !sameJson(settings(before), settings(after)),
  };
}

export function isEmptySummary(summary: ChangeSummary): boolean {
  return (
    summary.added.length === 0 &&
    summary.removed.length === 0 &&
    summary.changed.length === 0 &&
    !summary.reordered &&
    !summary.settingsChanged
  );
}

/**
 * The change in words. With `wordingOf`, each question is named by its wording (“changed the question
 * ‘Do workers listen to you?’”), as experts know it; without, by its data name.
 */
export function describeSummary(summary: ChangeSummary, wordingOf?: (name: string) => string): string {
  const list = (names: string[]) => {
    if (!wordingOf) return names.join(", ");
    const quoted = names.map((n) => `“${wordingOf(n)}”`);
    return `${names.length === 1 ? "the question" : "the questions"} ${quoted.join(", ")}`;
  };
  const parts: string[] = [];
  if (summary.added.length) parts.push(`added ${list(summary.added)}`);
  if (summary.removed.length) parts.push(`removed ${list(summary.removed)}`);
  if (summary.changed.length) parts.push(`changed ${list(summary.changed)}`);
  if (summary.reordered) parts.push("reordered questions");
  if (summary.settingsChanged) parts.push("changed survey or page settings");
  return parts.length ? parts.join("; ") : "no changes";
}

const MAX_WORDING = 80;

/** A question's wording for a sentence about it: its title, shortened; its data name if it has none. */
export function wordingFinder(...surveys: SurveyJson[]): (name: string) => string {
  const titles = new Map<string, string>();
  for (const survey of surveys) {
    for (const { element } of allElements(survey)) {
      if (titles.has(element.name)) continue;
      const text = (textOf(element.title) || (element.type === "html" ? "Information text" : "")).trim();
      if (text)
        titles.set(element.name, text.length > MAX_WORDING ? `${text.slice(0, MAX_WORDING - 1)}…` : text);
    }
  }
  return (name) => titles.get(name) ?? name;
}
