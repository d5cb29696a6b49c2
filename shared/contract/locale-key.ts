const LOCALE_KEY = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/**
 * True for a key that can name a language in a localisable text (`default`, `pl`, `pt-br`, `en-easy`).
 * The contract checks language codes in requests with it; `shared/survey/locales.ts` reads them in
 * survey definitions.
 */
export function isLocaleKey(key: string): boolean {
  return key === "default" || LOCALE_KEY.test(key);
}
