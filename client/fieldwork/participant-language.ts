import type { Question } from "survey-core";
import { isRightToLeft, languageName, localesIn, mainLocale } from "../../shared/survey/locales.ts";

/**
 * The bilingual interview (issue 18, decision 0037). The researcher keeps the survey's main language on
 * the interviewer view; the show-card and hand-over views are in the participant's language, and the
 * interviewer view shows the participant's wording of each question beneath, to point at.
 */

/** The languages a published version offers, main one first (a published version carries only those). */
export function offeredLanguages(definition: unknown): string[] {
  return localesIn(definition);
}

/** "polski (Polish)": the name the participant knows, then the researcher's name for it. */
export function languageLabel(locale: string, researcherLocale: string): string {
  const own = languageName(locale);
  const theirs = languageName(locale, researcherLocale);
  return own === theirs ? own : `${own} (${theirs})`;
}

/** The locale a view shows: the researcher's on the interviewer view, else the participant's. */
export function localeForView(view: string, definition: unknown, participant: string | undefined): string {
  const main = mainLocale(definition);
  return view === "interviewer" || !participant ? main : participant;
}

/** `lang` and `dir` for an element showing text in `locale` (`en-easy` is English to a browser). */
export function languageAttributes(locale: string): { lang: string; dir: "rtl" | "ltr" } {
  return { lang: locale === "en-easy" ? "en" : locale, dir: isRightToLeft(locale) ? "rtl" : "ltr" };
}

/**
 * Puts the participant-language wording of the question under its title on the interviewer view
 * (removed again when the view or language has none). Text only, set with textContent: never markup.
 */
export function showParticipantWording(
  question: Question,
  element: HTMLElement,
  locale: string | null,
): void {
  element.querySelector(":scope .participant-wording")?.remove();
  if (!locale) return;
  const wording = question.locTitle.getLocaleText(locale);
  if (!wording) return;
  const box = document.createElement("p");
  box.className = "participant-wording";
  const { lang, dir } = languageAttributes(locale);
  box.lang = lang;
  box.dir = dir;
  box.textContent = wording;
  const header = element.querySelector(".sd-question__header");
  if (header) header.after(box);
  else element.prepend(box);
}

/** A voice the browser has for `locale`, or undefined (then no "listen" button is shown). */
export function voiceFor(locale: string): SpeechSynthesisVoice | undefined {
  if (typeof window === "undefined" || !("speechSynthesis" in window)) return undefined;
  const want = languageAttributes(locale).lang.toLowerCase();
  const voices = window.speechSynthesis.getVoices();
  return (
    voices.find((v) => v.lang.toLowerCase() === want) ??
    voices.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === want.split("-")[0])
  );
}

/**
 * A "listen" button on the question in hand-over and show-card views, reading its title aloud in the
 * participant's language with the browser's own voice (no network). Shown only where there is a voice.
 */
export function showListenButton(question: Question, element: HTMLElement, locale: string | null): void {
  element.querySelector(":scope .listen-button")?.remove();
  if (!locale) return;
  const voice = voiceFor(locale);
  if (!voice) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary listen-button";
  button.setAttribute(
    "aria-label",
    `${languageName(locale)}: ▶ ${question.locTitle.getLocaleText(locale) || question.title}`,
  );
  button.textContent = "🔊 ▶";
  button.addEventListener("click", () => {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(question.title);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    window.speechSynthesis.speak(utterance);
  });
  const header = element.querySelector(".sd-question__header");
  if (header) header.append(button);
  else element.prepend(button);
}
