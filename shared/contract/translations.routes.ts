import { route } from "./route.ts";
import type {
  PicturesView,
  SaveTranslationsRequest,
  TranslationChange,
  TranslationsImportReport,
  TranslationsView,
} from "./translations.ts";

const editors = ["expert", "coordinator", "admin"] as const;

/** An Easy Read picture (a data URL, uploaded), or null to take it away (decision 0043). */
interface PictureRequest {
  revision: number;
  question: string;
  choice?: string;
  picture: { dataUrl: string; alt: string } | null;
}

/**
 * Translation in the editor (issue 18): the draft's texts in every language, languages offered and
 * signed off, Easy Read pictures, and the languages each person reads. Writes to the draft name the
 * revision they were made against (`draft_stale` when it moved on).
 */
export const translationsApi = {
  view: route("GET", "/api/editor/surveys/:id/translations", editors).answers<TranslationsView>(),
  /** One language's texts, as one new revision; answers the view and what changed. */
  save: route("PUT", "/api/editor/surveys/:id/translations/:locale", editors)
    .takes<{ body: SaveTranslationsRequest }>()
    .answers<TranslationsView & { changes: TranslationChange[] }>(),
  /** Every text in every language as a CSV file, to translate in a spreadsheet. */
  csv: route("GET", "/api/editor/surveys/:id/translations.csv", editors).answers<Response>(),
  /**
   * A translated CSV back (the body is the file as text/csv, at most 2 MiB, UTF-8). `preview=1`
   * reports what would change and changes nothing; a file with problems changes nothing either.
   */
  importCsv: route("POST", "/api/editor/surveys/:id/translations.csv", editors)
    .takes<{ query: { revision: string; preview?: "1" } }>()
    .answers<TranslationsImportReport>(),
  addLanguage: route("POST", "/api/editor/surveys/:id/languages", editors, { status: 201 })
    .takes<{ body: { locale: string } }>()
    .answers<TranslationsView>(),
  /** Whether participants are offered the language. */
  setOffered: route("PUT", "/api/editor/surveys/:id/languages/:locale", editors)
    .takes<{ body: { offered: boolean } }>()
    .answers<TranslationsView>(),
  /**
   * An expert who reads the language signs off its texts as they are now: every text translated and
   * none out of date (`language_not_ready`), in a language they read (`language_not_read`).
   */
  signOff: route("POST", "/api/editor/surveys/:id/languages/:locale/signoffs", ["expert"], { status: 201 })
    .takes<{ body: { note?: string } }>()
    .answers<TranslationsView>(),
  pictures: route("GET", "/api/editor/surveys/:id/pictures", editors).answers<PicturesView>(),
  /** One picture (the body at most 512 KiB); answers the new revision and definition. */
  setPicture: route("PUT", "/api/editor/surveys/:id/pictures", editors)
    .takes<{ body: PictureRequest }>()
    .answers<{ revision: number; definition: Record<string, unknown> }>(),
  myLanguages: route("GET", "/api/editor/my-languages", editors).answers<{ locales: string[] }>(),
  setMyLanguages: route("PUT", "/api/editor/my-languages", editors)
    .takes<{ body: { locales: string[] } }>()
    .answers<{ locales: string[] }>(),
};
