import "survey-core/survey-core.fontless.min.css";
import { type RefObject, use, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Model, PageModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { englishWords, type LoadedWords, wordsLocaleFor } from "../../shared/fieldwork/participant-words.ts";
import type { DraftRecord, InterviewView } from "../offline/records.ts";
import { loadSanitiser } from "./html-sanitiser.ts";
import { createInterviewModel } from "./interview-model.ts";
import {
  languageAttributes,
  localeForView,
  showListenButton,
  showParticipantWording,
} from "./participant-language.ts";
import { loadSurveyCoreLocale } from "./survey-core-locale.ts";

export interface PageFacts {
  /** The page asks for consent (the question named `consent`). */
  consent: boolean;
  /** The page has questions marked `sensitive`, which may be handed over for self-completion. */
  sensitive: boolean;
}

interface Props {
  draft: DraftRecord;
  view: InterviewView;
  /** The app's words for the participant (the consent page's "no" button), decision 0050. */
  words: LoadedWords;
  modelRef: RefObject<Model | null>;
  onAnswers: (data: Record<string, unknown>, pageNo: number) => void;
  onPage: (pageNo: number, facts: PageFacts) => void;
  /** In hand-over, the participant moved from a sensitive page to one that is not. */
  onSensitiveSectionEnd: () => void;
  /** In hand-over, the participant reached the end: the interviewer completes it. */
  onCompleteDuringHandOver: () => void;
  onComplete: (data: Record<string, unknown>) => void;
}

export function pageFacts(page: PageModel | undefined | null): PageFacts {
  const questions = page?.questions ?? [];
  return {
    consent: questions.some((q) => q.name === "consent"),
    sensitive: questions.some((q) => q.getPropertyValue("sensitive") === true),
  };
}

/**
 * Runs the survey with survey-react-ui, resumed from the draft (answers and page). Every answer goes
 * to `onAnswers` as it is given, text as it is typed, so the draft on the tablet is never behind.
 */
export function InterviewRunner(props: Props) {
  const { draft, view, modelRef } = props;
  const latest = useRef(props);
  latest.current = props;
  // Suspends until the sanitiser is here (fetched as the fieldwork page opened, so almost never).
  const sanitise = use(loadSanitiser());
  const [model] = useState(() => {
    const main = localeForView("interviewer", draft.version.definition, undefined);
    // The consent button's "no" words in the language the survey shows, where the catalogue is here.
    const refusal = (shown: string) => {
      const { locale, words } = latest.current.words;
      return wordsLocaleFor(shown || main) === locale ? words.consentNo : englishWords.consentNo;
    };
    const created = createInterviewModel(draft.version.definition, sanitise, refusal);
    // Added before the first render, so the first page's questions get them too.
    const participant = draft.setup.language;
    created.onAfterRenderQuestion.add((_, options) => {
      const inInterviewer = latest.current.view === "interviewer";
      const other = participant && participant !== main ? participant : null;
      showParticipantWording(options.question, options.htmlElement, inInterviewer ? other : null);
      showListenButton(options.question, options.htmlElement, inInterviewer ? null : (participant ?? main));
    });
    created.textUpdateMode = "onTyping";
    created.data = draft.data;
    if (draft.pageNo > 0 && draft.pageNo < created.visiblePages.length) created.currentPageNo = draft.pageNo;
    return created;
  });
  const participant = draft.setup.language;
  const locale = localeForView(view, draft.version.definition, participant);
  const main = localeForView("interviewer", draft.version.definition, undefined);
  // The interviewer view stays in the researcher's language; the others are in the participant's.
  // Switched after the old view is gone and before the new one is painted: switching while rendering
  // re-worded the old view in place, a choice hidden by `{$survey.locale}` still in it. The conditions
  // are run again, so such a choice hides or shows for the new language, at once: with no leaving
  // animation, which kept it on screen for a moment in the new language.
  useLayoutEffect(() => {
    if ((model.locale || main) === locale) return;
    const questions = model.getAllQuestions();
    for (const question of questions) question.blockAnimations();
    try {
      model.locale = locale;
      model.runExpressions();
    } finally {
      for (const question of questions) question.releaseAnimations();
    }
  }, [model, locale, main]);

  // Our own words arrived from their chunk: the consent button is worded again.
  useEffect(() => {
    if (props.words.locale !== "en") model.locStrsChanged();
  }, [model, props.words]);

  // survey-core's own words (Next, Complete, "Response required.") in the view's language, from a lazy chunk.
  useEffect(() => {
    let current = true;
    void loadSurveyCoreLocale(locale).then((loaded) => {
      if (current && loaded) model.locStrsChanged();
    });
    return () => {
      current = false;
    };
  }, [model, locale]);

  useEffect(() => {
    modelRef.current = model;
    const answered = () => latest.current.onAnswers({ ...model.data }, model.currentPageNo);
    const changedPage = (_: Model, options: { oldCurrentPage: PageModel; newCurrentPage: PageModel }) => {
      const facts = pageFacts(options.newCurrentPage);
      latest.current.onPage(model.currentPageNo, facts);
      if (
        latest.current.view === "hand_over" &&
        pageFacts(options.oldCurrentPage).sensitive &&
        !facts.sensitive
      ) {
        latest.current.onSensitiveSectionEnd();
      }
    };
    const completing = (_: Model, options: { allow: boolean }) => {
      if (latest.current.view !== "hand_over") return;
      options.allow = false;
      latest.current.onCompleteDuringHandOver();
    };
    const completed = () => latest.current.onComplete({ ...model.data });
    model.onValueChanged.add(answered);
    model.onCurrentPageChanged.add(changedPage);
    model.onCompleting.add(completing);
    model.onComplete.add(completed);
    latest.current.onPage(model.currentPageNo, pageFacts(model.currentPage));
    return () => {
      model.onValueChanged.remove(answered);
      model.onCurrentPageChanged.remove(changedPage);
      model.onCompleting.remove(completing);
      model.onComplete.remove(completed);
      modelRef.current = null;
    };
  }, [model, modelRef]);

  const { lang, dir } = languageAttributes(locale);
  return (
    <div
      className={`interview__survey interview__survey--${view.replace("_", "-")}`}
      tabIndex={-1}
      lang={lang}
      dir={dir}
      key={locale}
    >
      <Survey model={model} />
    </div>
  );
}
