import type { HtmlRemoval } from "../contract/editor.ts";
import { sanitiseHtml } from "./sanitise-html.ts";

export type { HtmlRemoval };

/** SurveyJS properties rendered as HTML: `html` (questions, completedHtmlOnCondition) and `…Html`. */
const isHtmlProperty = (key: string) => /html$/i.test(key);

/**
 * A copy of a survey definition with every HTML property sanitised (also each language of a
 * translated one), and what was removed where. Everything else is left exactly as it was; SurveyJS
 * renders titles, descriptions and choices as text, not HTML, unless a markdown hook says otherwise
 * (ours never does). Walked without recursion, so a deeply nested hostile definition cannot overflow.
 */
export function sanitiseSurveyHtml<T>(definition: T): { definition: T; removals: HtmlRemoval[] } {
  const removals = new Map<string, Set<string>>();
  const note = (where: string, removed: string[]) => {
    if (removed.length === 0) return;
    const set = removals.get(where) ?? new Set<string>();
    for (const item of removed) set.add(item);
    removals.set(where, set);
  };
  const clean = (value: unknown, where: string): unknown => {
    if (typeof value === "string") {
      const result = sanitiseHtml(value);
      note(where, result.removed);
      return result.html;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const [locale, text] of Object.entries(value)) {
        out[locale] = typeof text === "string" ? clean(text, where) : text;
      }
      return out;
    }
    return value;
  };

  const copy = structuredClone(definition) as unknown;
  const stack: { value: unknown; where: string }[] = [{ value: copy, where: "the survey" }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) continue;
    const { value } = item;
    if (Array.isArray(value)) {
      for (const child of value) stack.push({ value: child, where: item.where });
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const where = typeof record.name === "string" && record.name !== "" ? record.name : item.where;
      for (const [key, child] of Object.entries(record)) {
        if (isHtmlProperty(key)) {
          record[key] = clean(child, where === "the survey" ? `the survey's ${key}` : where);
        } else if (child !== null && typeof child === "object") {
          stack.push({ value: child, where });
        }
      }
    }
  }
  return {
    definition: copy as T,
    removals: [...removals].map(([where, removed]) => ({ where, removed: [...removed] })),
  };
}
