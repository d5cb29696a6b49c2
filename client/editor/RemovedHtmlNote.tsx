import { allElements, type SurveyJson, textOf } from "../../shared/editor/survey-json.ts";
import type { HtmlRemoval } from "../../shared/html/sanitise-survey.ts";

const SURVEY_PAGES: Record<string, string> = {
  completedhtml: "the thank-you page",
  completedbeforehtml: "the page shown to someone who has already done the survey",
  loadinghtml: "the page shown while the survey loads",
  html: "a thank-you page shown on a condition",
};

/** Where the removal was, as the co-designer knows it: the question's wording or the page's purpose. */
function placeOf(where: string, survey: SurveyJson): string {
  const setting = /^the survey's (\w+)$/.exec(where)?.[1];
  if (setting) return SURVEY_PAGES[setting.toLowerCase()] ?? "the survey's own pages";
  const element = allElements(survey).find((v) => v.element.name === where)?.element;
  if (!element) return "a question";
  const title = textOf(element.title);
  if (title) return `the question “${title}”`;
  const text = textOf(element.html)
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text
    ? `the information text starting “${text.slice(0, 50)}${text.length > 50 ? "…" : ""}”`
    : "an information text";
}

/**
 * Shown after a save that had to take formatting out of the survey's HTML (issue 14, finding 2), so a
 * co-designer sees what changed and why rather than finding it gone.
 */
export function RemovedHtmlNote({
  removals,
  survey,
  onDismiss,
}: {
  removals: HtmlRemoval[];
  survey: SurveyJson;
  onDismiss: () => void;
}) {
  return (
    <div className="notice notice--warning removed-html" role="status">
      <h2>Some formatting was taken out when you saved</h2>
      <p>
        To keep people safe, a survey cannot run actions by itself, cover the screen, or link to anything but
        ordinary web, email and phone addresses. Your words are kept. This is what was removed:
      </p>
      <ul>
        {removals.map((removal) => (
          <li key={removal.where}>
            In {placeOf(removal.where, survey)}: {removal.removed.join("; ")}.
          </li>
        ))}
      </ul>
      <button type="button" className="button button--secondary" onClick={onDismiss}>
        I have read this
      </button>
    </div>
  );
}
