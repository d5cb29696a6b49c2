import type { Person } from "./editor.ts";

/** Translation in the editor (issue 18, decision 0038): requests and answers. */

export interface SaveTranslationsRequest {
  revision: number;
  /** 1 to 2000 texts, each by its key. */
  strings: { key: string; text: string }[];
}

export type TranslationState = "missing" | "out_of_date" | "done";

export interface LanguageView {
  locale: string;
  /** Its name in English, for the editor. */
  name: string;
  rightToLeft: boolean;
  offered: boolean;
  total: number;
  missing: number;
  outOfDate: number;
  /** The latest sign-off, and whether it still covers the wording as it is now. */
  signOff: { by: Person; at: string; note: string; current: boolean } | null;
}

export interface TranslationRow {
  key: string;
  where: string;
  label: string;
  source: string;
  /** Per language: its text ("" when missing), state, and when out of date, the wording it was made from. */
  texts: Record<string, { text: string; state: TranslationState; madeFrom?: string }>;
}

export interface TranslationsView {
  surveyId: string;
  revision: number;
  mainLocale: string;
  languages: LanguageView[];
  strings: TranslationRow[];
  /** The languages the person asking reads (for signing off). */
  myLanguages: string[];
}

export interface TranslationChange {
  key: string;
  where: string;
  label: string;
  locale: string;
  before: string;
  after: string;
}

export interface TranslationsImportReport {
  applied: boolean;
  revision: number;
  changes: TranslationChange[];
  unchanged: number;
  addedLanguages: string[];
}

/** The Easy Read pictures of a draft, per question and choice (`GET …/pictures`, decision 0043). */
export interface PicturesView {
  revision: number;
  questions: {
    question: string;
    title: string;
    picture: { dataUrl: string; alt: string } | null;
    choices: { value: string; text: string; picture: { dataUrl: string; alt: string } | null }[];
  }[];
}
