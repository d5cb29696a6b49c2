import type { SurveyModel } from "survey-core";

/** Cuts every piece of HTML a survey model shows to the allow-list (`shared/html/survey-model-html.ts`). */
export type SanitiseModel = (model: SurveyModel) => void;

let pending: Promise<SanitiseModel> | undefined;

/**
 * The survey HTML sanitiser in a chunk of its own (with `xss`, about 7.5 KiB gzip): the fieldwork page
 * opens without it and fetches it at once, and no interview renders before it is here (decision 0063).
 * The service worker keeps it with the app, so it loads offline. A failed fetch is tried again next time.
 */
export function loadSanitiser(): Promise<SanitiseModel> {
  pending ??= import("../../shared/html/survey-model-html.ts").then(
    (m) => m.sanitiseRenderedHtml,
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
