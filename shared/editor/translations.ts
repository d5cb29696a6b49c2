import { isLocaleKey, isLocalisedText, mainLocale } from "../survey/locales.ts";
import { isObject, type JsonObject, normaliseSurvey, type SurveyJson } from "./survey-json.ts";

/**
 * Translation in the editor (issue 18, decision 0038). Every text a participant sees is listed once,
 * under a key made of names (not positions), so a key still finds its text after questions move and
 * a CSV sent to a translator comes back to the same places. Texts stay standard SurveyJS localised
 * strings: `"Hello"` or `{ "default": "Hello", "pl": "Cześć" }`; the main language sits under `default`.
 *
 * Whether a translation is out of date is not in the definition (it stays plain SurveyJS JSON): the
 * server keeps, for each translated text, the source wording it was translated from, and
 * {@link translationStatus} compares that with the source wording now.
 */

/** One text a participant sees, in the main language and in each other language found. */
export interface TranslatableString {
  /** Stable key: `survey:title`, `page:page1:title`, `q:age:title`, `q:age:choices:18-24`, `q:age:validators:0`. */
  key: string;
  /** The question (or page) it belongs to, for people: its name; "" for the survey's own texts. */
  where: string;
  /** What it is, in plain words: "Question", "Choice “Yes”", "Page title", "Thank-you text". */
  label: string;
  /** The wording in the main language. */
  source: string;
  /** The wording in each other language that has one. */
  texts: Record<string, string>;
}

interface Location {
  owner: JsonObject;
  property: string;
}

interface Found extends TranslatableString {
  location: Location;
}

const SURVEY_TEXTS: readonly [string, string][] = [
  ["title", "Survey title"],
  ["description", "Survey introduction"],
  ["completedHtml", "Thank-you text"],
  ["completedBeforeHtml", "Text for someone who has already answered"],
];

const PAGE_TEXTS: readonly [string, string][] = [
  ["title", "Page title"],
  ["description", "Page help text"],
];

const ELEMENT_TEXTS: readonly [string, string][] = [
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
  ["requiredErrorText", "Message when it is not answered"],
  ["altText", "Picture description"],
];

const ITEM_LISTS: readonly [string, string][] = [
  ["choices", "Choice"],
  ["rateValues", "Scale point"],
  ["rows", "Row"],
  ["columns", "Column"],
];

/** The main-language text of a localisable value. */
function sourceOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.default === "string") return value.default;
  return "";
}

/** The other languages' texts of a localisable value (never `default`, never the main language). */
function textsOf(value: unknown, main: string): Record<string, string> {
  const texts: Record<string, string> = {};
  if (!isObject(value)) return texts;
  for (const [locale, text] of Object.entries(value)) {
    if (locale === "default" || locale === main || typeof text !== "string" || !isLocaleKey(locale)) continue;
    if (text !== "") texts[locale] = text;
  }
  return texts;
}

function itemText(item: unknown): string {
  if (isObject(item)) return sourceOf(item.text) || String(item.value ?? "");
  return String(item);
}

function collect(survey: SurveyJson): Found[] {
  const main = mainLocale(survey);
  const found: Found[] = [];
  const add = (key: string, where: string, label: string, owner: JsonObject, property: string) => {
    const value = owner[property];
    const source = sourceOf(value);
    const texts = textsOf(value, main);
    if (source.trim() === "" && Object.keys(texts).length === 0) return;
    found.push({ key, where, label, source, texts, location: { owner, property } });
  };
  for (const [property, label] of SURVEY_TEXTS) add(`survey:${property}`, "", label, survey, property);
  const walk = (elements: unknown, pageName: string) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isObject(element) || typeof element.name !== "string") continue;
      const name = element.name;
      for (const [property, label] of ELEMENT_TEXTS)
        add(`q:${name}:${property}`, name, label, element, property);
      for (const [list, label] of ITEM_LISTS) {
        const items = element[list];
        if (!Array.isArray(items)) continue;
        items.forEach((item, index) => {
          const value = isObject(item) ? item.value : item;
          const text = itemText(item);
          if (!isObject(item)) {
            // A bare value ("Yes") is its own text; it becomes `{ value, text }` when translated.
            if (text.trim() === "") return;
            found.push({
              key: `q:${name}:${list}:${String(value)}`,
              where: name,
              label: `${label} “${text}”`,
              source: text,
              texts: {},
              location: { owner: { __bare: true, list, index, element } as JsonObject, property: "text" },
            });
            return;
          }
          add(`q:${name}:${list}:${String(value)}`, name, `${label} “${text}”`, item, "text");
        });
      }
      if (Array.isArray(element.validators)) {
        element.validators.forEach((validator, index) => {
          if (isObject(validator)) {
            add(
              `q:${name}:validators:${index}`,
              name,
              "Message when the answer does not fit",
              validator,
              "text",
            );
          }
        });
      }
      walk(element.elements ?? element.templateElements, pageName);
    }
  };
  for (const page of survey.pages) {
    for (const [property, label] of PAGE_TEXTS)
      add(`page:${page.name}:${property}`, "", label, page, property);
    walk(page.elements, page.name);
  }
  return found;
}

/** Every text a participant sees, in order, with its translations. Keys are unique (the first wins). */
export function translatableStrings(definition: unknown): TranslatableString[] {
  const seen = new Set<string>();
  const out: TranslatableString[] = [];
  for (const { location: _l, ...s } of collect(normaliseSurvey(definition))) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    out.push(s);
  }
  return out;
}

/**
 * A copy of the definition with the text under `key` in `locale` set to `text` (removed when `text`
 * is empty). Returns null when the key names no text. The main language is never changed here.
 */
export function setTranslation(
  definition: unknown,
  key: string,
  locale: string,
  text: string,
): SurveyJson | null {
  const survey = structuredClone(normaliseSurvey(definition));
  if (locale === "default" || locale === mainLocale(survey) || !isLocaleKey(locale)) return null;
  const found = collect(survey).find((s) => s.key === key);
  if (!found) return null;
  const { owner, property } = found.location;
  if (owner.__bare === true) {
    const element = owner.element as JsonObject;
    const list = element[owner.list as string] as unknown[];
    const value = list[owner.index as number];
    if (text === "") return survey;
    list[owner.index as number] = { value, text: { default: String(value), [locale]: text } };
    return survey;
  }
  const current = owner[property];
  const next: Record<string, string> = isObject(current)
    ? Object.fromEntries(
        Object.entries(current).filter((e): e is [string, string] => typeof e[1] === "string"),
      )
    : { default: typeof current === "string" ? current : "" };
  if (text === "") delete next[locale];
  else next[locale] = text;
  const keys = Object.keys(next);
  owner[property] = keys.length === 1 && keys[0] === "default" ? next.default : next;
  return survey;
}

/** What each translated text was translated from: `{ [locale]: { [key]: source wording } }`. */
export type TranslationSources = Record<string, Record<string, string>>;

export type TranslationState = "missing" | "out_of_date" | "done";

/**
 * A text's state in one language: missing (no translation), out of date (the source wording has
 * changed since it was translated) or done. A translation whose source was never recorded (it came
 * in with an imported SurveyJS file) counts as done: there is nothing to say it is stale.
 */
export function translationStatus(
  s: TranslatableString,
  locale: string,
  sources: TranslationSources,
): TranslationState {
  const text = s.texts[locale];
  if (text === undefined || text.trim() === "") return s.source.trim() === "" ? "done" : "missing";
  const madeFrom = sources[locale]?.[s.key];
  if (madeFrom !== undefined && madeFrom !== s.source) return "out_of_date";
  return "done";
}

export interface LanguageProgress {
  total: number;
  missing: number;
  outOfDate: number;
}

export function languageProgress(
  strings: TranslatableString[],
  locale: string,
  sources: TranslationSources,
): LanguageProgress {
  let missing = 0;
  let outOfDate = 0;
  for (const s of strings) {
    const state = translationStatus(s, locale, sources);
    if (state === "missing") missing += 1;
    else if (state === "out_of_date") outOfDate += 1;
  }
  return { total: strings.length, missing, outOfDate };
}

/**
 * What an expert signs off for one language: every text's source wording and its translation, in a
 * fixed order. The server keeps a hash of it; the sign-off stands while this is unchanged, so a
 * change to the English (or to the translation) asks for a fresh sign-off, and other edits do not.
 */
export function languageContent(strings: TranslatableString[], locale: string): string {
  return JSON.stringify(strings.map((s) => [s.key, s.source, s.texts[locale] ?? ""]));
}

/**
 * A copy of the definition keeping only the listed languages (the main language always stays).
 * A localised text left with only `default` becomes a plain string again. This is what a published
 * version carries: every locale in it is offered.
 */
export function keepLocales(definition: unknown, keep: readonly string[]): SurveyJson {
  const allowed = new Set(["default", mainLocale(definition), ...keep]);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isObject(value)) return value;
    if (isLocalisedText(value)) {
      const kept = Object.entries(value).filter(([k]) => allowed.has(k));
      if (kept.length === 1 && kept[0]?.[0] === "default") return kept[0][1];
      if (kept.length === 0) return "";
      return Object.fromEntries(kept);
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = strip(v);
    return out;
  };
  return normaliseSurvey(strip(definition));
}
