import { z } from "zod";
import { isLocaleKey } from "../survey/locales.ts";
import type { Person } from "./editor.ts";

/** Translation in the editor (issue 18, decision 0038): requests and answers. */

const Revision = z.number().int().min(0).max(1_000_000_000);
export const Locale = z
  .string()
  .min(2)
  .max(20)
  .refine((v) => v !== "default" && isLocaleKey(v), "Not a language code, like “pl” or “pt-br”.");

export const SaveTranslationsRequest = z.strictObject({
  revision: Revision,
  strings: z
    .array(z.strictObject({ key: z.string().min(1).max(300), text: z.string().max(10_000) }))
    .min(1)
    .max(2000),
});
export type SaveTranslationsRequest = z.input<typeof SaveTranslationsRequest>;

export const AddLanguageRequest = z.strictObject({ locale: Locale });
export const LanguageSettingRequest = z.strictObject({ offered: z.boolean() });
export const LanguageSignOffRequest = z.strictObject({ note: z.string().trim().max(1000).default("") });
export const MyLanguagesRequest = z.strictObject({ locales: z.array(Locale).max(30) });

export const PictureRequest = z.strictObject({
  revision: Revision,
  question: z.string().min(1).max(200),
  choice: z.string().min(1).max(200).optional(),
  /** A data URL, or null to take the picture away. */
  picture: z
    .strictObject({ dataUrl: z.string().max(450_000), alt: z.string().trim().min(1).max(500) })
    .nullable(),
});

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
