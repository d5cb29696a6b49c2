/**
 * The app's own words that a participant sees (issue 18, decision 0050): the hand-over and show-card
 * bars, the hand-back screen, the consent page's button and note, and the list of support services.
 * The survey's own wording comes from the survey; these are ours, so we translate them.
 *
 * English is here, as the fallback every view can show at once. Each other language is a data file
 * of its own (`participant-words.<locale>.ts`), loaded with `import()` only when an interview is in
 * that language: a lazy chunk, never part of the fieldwork page. The researcher's screens stay English.
 */

/** Why the participant gives the tablet back; each has its own words on the hand-back screen. */
export type HandBackReason = "section_end" | "give_back" | "break" | "stop" | "complete";

export interface ParticipantWords {
  handOverStrong: string;
  handOverRest: string;
  showCardStrong: string;
  showCardRest: string;
  wantBreak: string;
  wantStop: string;
  giveBack: string;
  /** The hand-back heading after a break or a stop was asked for. */
  giveBackToInterviewer: string;
  /** The hand-back heading otherwise. */
  thanksGiveBack: string;
  handBackLead: Record<HandBackReason, string>;
  /** The consent page's button once "no" is picked. */
  consentNo: string;
  /** Under the consent question on the show card. */
  consentNote: string;
  emergency: string;
  /** `{area}` is the area's name. */
  servicesIn: string;
  phone: string;
  open: string;
  where: string;
  anywhere: string;
  freeDayOrNight: string;
  dayOrNight: string;
  /** Between a phone number and when it is open (Arabic has its own comma). */
  comma: string;
  nhs111: string;
  shoutName: string;
  shoutText: string;
}

export const englishWords: ParticipantWords = {
  handOverStrong: "You are answering on your own.",
  handOverRest:
    "Nobody else sees your answers on the screen. When you finish this part, give the tablet back.",
  showCardStrong: "These are the answers you can choose from.",
  showCardRest: "Tap your answer, or tell the interviewer.",
  wantBreak: "I want a break",
  wantStop: "I want to stop",
  giveBack: "Give the tablet back",
  giveBackToInterviewer: "Please give the tablet back to the interviewer",
  thanksGiveBack: "Thank you. Please give the tablet back",
  handBackLead: {
    complete: "You have reached the end. The interviewer will finish from here.",
    section_end: "That was the last question to answer on your own. The interviewer will carry on from here.",
    give_back: "The interviewer will take it from here.",
    break: "You asked for a break. The interviewer will take it from here.",
    stop: "You asked to stop. You do not have to answer any more questions. The interviewer will take it from here.",
  },
  consentNo: "End here: consent not given",
  consentNote: "You decide whether to answer. If you say no, only your “no” is kept.",
  emergency: "If you are in danger now, call 999.",
  servicesIn: "In {area}",
  phone: "Phone:",
  open: "Open:",
  where: "Where:",
  anywhere: "Anywhere in England",
  freeDayOrNight: "free, day or night",
  dayOrNight: "day or night",
  comma: ", ",
  nhs111: "NHS 111 (press 2 for mental health crisis support)",
  shoutName: "Shout: text support",
  shoutText: "Text SHOUT to 85258, free, day or night",
};

/** The participant's words in one language, and which catalogue they came from. */
export interface LoadedWords {
  /** The catalogue's locale: `en` when the language has none (the words are then English). */
  locale: string;
  words: ParticipantWords;
}

const catalogues: Record<string, () => Promise<{ words: ParticipantWords }>> = {
  "en-easy": () => import("./participant-words.en-easy.ts"),
  pl: () => import("./participant-words.pl.ts"),
  ar: () => import("./participant-words.ar.ts"),
  cy: () => import("./participant-words.cy.ts"),
};

/**
 * The catalogue that serves `locale` (`pl-PL` is served by `pl`), `en` for English and its regional
 * tags, or null when there is none: the participant then sees these words in English.
 */
export function wordsLocaleFor(locale: string): string | null {
  const key = locale.toLowerCase();
  if (key in catalogues) return key;
  const base = key.split("-")[0] ?? "";
  if (base === "en") return "en";
  return base in catalogues ? base : null;
}

/** The words for `locale`, English when it has no catalogue; rejects only when the chunk cannot load. */
export async function loadParticipantWords(locale: string): Promise<LoadedWords> {
  const found = wordsLocaleFor(locale);
  const load = found ? catalogues[found] : undefined;
  if (!found || !load) return { locale: "en", words: englishWords };
  return { locale: found, words: (await load()).words };
}

/** Puts the `{name}` parts of a catalogue's text in place. */
export function fillWords(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
