import { Model, type Question, settings, surveyLocalization } from "survey-core";
import { englishWords } from "../../shared/fieldwork/participant-words.ts";
import { registerAlongsideProperties } from "../../shared/survey/properties.ts";
import type { SanitiseModel } from "./html-sanitiser.ts";
import { showInterviewerNote } from "./interviewer-note.ts";
import { applySurveyTheme } from "./survey-theme.ts";

// The page's <h1> names the survey; SurveyJS headings continue from there without skipping levels.
settings.titleTags.page = "h2";
settings.titleTags.panel = "h3";
settings.titleTags.question = "h3";

// survey-core's English for an answer out of range speaks of "the value"; the participant reads it.
// Other languages keep survey-core's own words; the server's checks have their own messages.
const english = surveyLocalization.locales.en as Record<string, string> | undefined;
if (english) {
  english.minError = "The answer must be {0} or more.";
  english.maxError = "The answer must be {0} or less.";
}

/**
 * A SurveyJS model for one interview, set up for a tablet held by a peer researcher. `refusal` gives
 * the consent button's words once "no" is picked, for the locale the model shows (decision 0050).
 * `sanitise` is the HTML sanitiser (`loadSanitiser()`): a model is never made without it.
 */
export function createInterviewModel(
  definition: Record<string, unknown>,
  sanitise: SanitiseModel,
  refusal: (locale: string) => string = () => englishWords.consentNo,
): Model {
  registerAlongsideProperties();
  // survey-core animates pages and questions whatever the person has asked for; someone who has asked
  // their device for less motion gets none (WCAG 2.3.3). Read per interview, so a change applies to the next.
  settings.animationEnabled = !globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const model = new Model(definition);
  // Every piece of HTML the survey shows is cut to the allow-list again here, whatever the server sent.
  sanitise(model);
  model.showTitle = false;
  // We show our own confirmation once the interview is safely in the outbox.
  model.showCompletePage = false;
  applySurveyTheme(model);
  // Rating scales stay buttons at any width (a show card with a dropdown would hide the options), with
  // their end labels above and below so five large buttons fit a tablet held upright.
  for (const question of model.getAllQuestions()) {
    if (question.getType() !== "rating") continue;
    question.setPropertyValue("displayMode", "buttons");
    question.setPropertyValue("rateDescriptionLocation", "topBottom");
  }
  model.onAfterRenderQuestion.add((_, options) => showInterviewerNote(options.question, options.htmlElement));
  followConsent(model, refusal);
  return model;
}

/**
 * The consent page: its button never says "Complete" before anything is picked (it is the last
 * visible page until consent is given, as every later page waits for a yes), and a clear "yes" goes
 * straight on to the first question, with no Next to tap (Previous comes back to it).
 */
function followConsent(model: Model, refusal: (locale: string) => string): void {
  // The button's words are given through a callback, not by setting `completeText`: a text set on the
  // model would stand for every language and hide survey-core's own "Complete" in the participant's.
  let word: "next" | "no" | null = null;
  // survey-core makes the button's localisable text on first read.
  void model.completeText;
  const complete = model.getLocalizableString("completeText");
  complete.onGetTextCallback = (text: string) =>
    word === "next" ? model.pageNextText : word === "no" ? refusal(model.locale) : text;
  const onConsentPage = () =>
    model.currentPage?.questions.some((q: Question) => q.name === "consent") === true;
  const wordButton = () => {
    const consent = model.getValue("consent");
    const next = !onConsentPage() ? null : consent === undefined ? "next" : consent === false ? "no" : null;
    if (next === word) return;
    word = next;
    complete.strChanged();
  };
  model.onCurrentPageChanged.add(wordButton);
  model.onValueChanged.add((_, options) => {
    wordButton();
    if (options.name !== "consent" || options.value !== true || !onConsentPage()) return;
    const onlyConsent = model.currentPage.questions.filter((q: Question) => q.isVisible).length === 1;
    if (onlyConsent && !model.isLastPage) window.setTimeout(() => onConsentPage() && model.nextPage(), 0);
  });
  wordButton();
}
