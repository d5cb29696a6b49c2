import type { SurveyModel } from "survey-core";
import { sanitiseHtml } from "./sanitise-html.ts";

/**
 * Sanitises, at render, every piece of HTML SurveyJS shows (html questions, the completed, loading
 * and "already completed" pages): `onProcessHtml` sees it after answers have been put into `{…}`
 * placeholders, so what a participant typed is cleaned too. Its `{` are then written as `&#123;`
 * (shown as "{" all the same) so SurveyJS's second placeholder pass cannot put an unsanitised answer
 * into the cleaned HTML. Published versions saved before sanitising existed are covered by this.
 */
export function sanitiseRenderedHtml(model: SurveyModel): void {
  model.onProcessHtml.add((_, options) => {
    options.html = sanitiseHtml(options.html).html.replace(/\{/g, "&#123;");
  });
}
