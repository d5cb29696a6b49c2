/**
 * survey-core's own words in the participant's language (issue 18, decision 0043). The table of
 * languages and every language's strings are lazy chunks (`survey-core-locales.ts`), so nothing here
 * grows the fieldwork entry. English (and Easy Read, a variant of it) is built into survey-core.
 */

const loaded = new Map<string, Promise<boolean>>();

/** True once survey-core has words for `locale`; false when it ships none (English stays) or offline. */
export function loadSurveyCoreLocale(locale: string): Promise<boolean> {
  const key = locale.toLowerCase();
  if (key === "en" || key.startsWith("en-")) return Promise.resolve(false);
  let pending = loaded.get(key);
  if (!pending) {
    pending = import("./survey-core-locales.ts")
      .then((table) => table.loadPack(key))
      .catch(() => {
        // Not cached and no connection: the interview goes on with survey-core's English words.
        loaded.delete(key);
        return false;
      });
    loaded.set(key, pending);
  }
  return pending;
}

/** Fetches, while online, the words of every language in `locales`, so the service worker keeps them. */
export async function preloadSurveyCoreLocales(locales: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(locales)].map((locale) => loadSurveyCoreLocale(locale)));
}
