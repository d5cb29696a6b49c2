import { isLocaleKey } from "../contract/locale-key.ts";

/**
 * Languages in a survey definition (issue 18). Surveys stay standard SurveyJS JSON: a localisable text
 * is either a plain string (the survey's main language) or an object keyed by locale, `{ "default": …,
 * "pl": …, "ar": … }`, and `survey.locale` picks the language a Model renders. The survey's main
 * language is the definition's `locale` (English when absent); its text sits under `default`.
 *
 * Easy Read is a variant of English with its own key, {@link EASY_READ}. A published version carries
 * only the languages it offers: a language marked "not offered" in the editor is stripped when the
 * version is published, so every locale found in a published definition may be offered to participants.
 */

/** The locale key of Easy Read English. */
export const EASY_READ = "en-easy";

/** The main language of a definition that does not name one. */
export const DEFAULT_LOCALE = "en";

export { isLocaleKey };

/**
 * True when `value` is a localised text object: `{ default?: string, <locale>: string, … }` — every
 * value a string, every key a locale, and either a `default` key or only keys that name known languages
 * (so a short-keyed object such as `{ "max": "5" }` is not taken for one).
 */
export function isLocalisedText(value: unknown): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([key, text]) => typeof text === "string" && isLocaleKey(key)))
    return false;
  return entries.some(([key]) => key === "default") || entries.every(([key]) => isKnownLanguage(key));
}

function isKnownLanguage(locale: string): boolean {
  if (locale === EASY_READ) return true;
  try {
    return new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(locale) !== undefined;
  } catch {
    return false;
  }
}

/** The main language of a definition: its `locale`, or English. */
export function mainLocale(definition: unknown): string {
  const locale = (definition as { locale?: unknown } | null)?.locale;
  return typeof locale === "string" && locale !== "default" && isLocaleKey(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * Every language a definition has text in: its main language first, then the other locale keys found
 * in any localised text, in the order first met.
 */
export function localesIn(definition: unknown): string[] {
  const found = new Set<string>([mainLocale(definition)]);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    if (isLocalisedText(value)) {
      for (const key of Object.keys(value)) if (key !== "default") found.add(key);
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(definition);
  return [...found];
}

const RIGHT_TO_LEFT = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"]);

/** True for languages written right to left (Arabic, Urdu, Farsi, Hebrew, …). */
export function isRightToLeft(locale: string): boolean {
  return RIGHT_TO_LEFT.has(locale.toLowerCase().split("-")[0] ?? "");
}

/**
 * A language's name for people, in `inLocale` (its own name by default: "polski", "العربية").
 * Easy Read is "Easy Read English". Falls back to the key when the runtime has no name for it.
 */
export function languageName(locale: string, inLocale: string = locale): string {
  if (locale === EASY_READ) return "Easy Read English";
  try {
    const names = new Intl.DisplayNames([inLocale === EASY_READ ? "en" : inLocale], { type: "language" });
    return names.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
