import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import type { SurveyJson } from "../../shared/editor/survey-json.ts";
import {
  keepLocales,
  languageContent,
  languageProgress,
  translatableStrings,
} from "../../shared/editor/translations.ts";
import { languageName, localesIn, mainLocale } from "../../shared/survey/locales.ts";
import type { Database } from "../db/schema.ts";
import { ProblemError } from "../http/problem.ts";
import { listLanguageSignOffs, listLanguages, listSources } from "./translations.repository.ts";

/**
 * Where each language of a draft stands: how many texts are missing or out of date, and whether an
 * expert who reads it signed off its wording as it is now. The Languages tab shows it; publishing
 * requires it of every language offered.
 */
/** The hash a language sign-off is made on: the exact wording signed off. */
export function wordingHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The languages of a draft besides its main one: those found in its texts and those added. */
export async function draftLanguages(db: Kysely<Database>, surveyId: string, definition: unknown) {
  const main = mainLocale(definition);
  const rows = await listLanguages(db, surveyId);
  const offered = new Map(rows.map((r) => [r.locale, r.offered]));
  const locales = [...new Set([...localesIn(definition), ...rows.map((r) => r.locale)])].filter(
    (l) => l !== main,
  );
  return { main, locales, offered: (l: string) => offered.get(l) ?? true };
}

interface LanguageState {
  locale: string;
  offered: boolean;
  missing: number;
  outOfDate: number;
  total: number;
  signOff: { userId: string; at: string; note: string; current: boolean } | null;
}

export async function languageStates(db: Kysely<Database>, surveyId: string, definition: unknown) {
  const strings = translatableStrings(definition);
  const sources = await listSources(db, surveyId);
  const { main, locales, offered } = await draftLanguages(db, surveyId, definition);
  const signOffs = await listLanguageSignOffs(db, surveyId);
  const states: LanguageState[] = locales.map((locale) => {
    const progress = languageProgress(strings, locale, sources);
    const contentHash = wordingHash(languageContent(strings, locale));
    // A sign-off of exactly this wording counts, whenever it was made; else the latest, shown as stale.
    const latest =
      signOffs.find((s) => s.locale === locale && s.contentHash === contentHash) ??
      signOffs.find((s) => s.locale === locale);
    return {
      locale,
      offered: offered(locale),
      ...progress,
      signOff: latest
        ? {
            userId: latest.userId,
            at: latest.createdAt,
            note: latest.note,
            current: latest.contentHash === contentHash,
          }
        : null,
    };
  });
  return { strings, sources, main, states };
}

/**
 * The publish rule (issue 18): every language offered must be complete, up to date and signed off
 * (on its wording as it is now) by an expert who reads it; a language that is not must be marked
 * "not offered". The published definition carries only the offered languages.
 */
export async function definitionForPublish(
  db: Kysely<Database>,
  surveyId: string,
  definition: SurveyJson,
): Promise<{ definition: SurveyJson; offered: string[]; notOffered: string[] }> {
  const { states } = await languageStates(db, surveyId, definition);
  const issues: FieldIssue[] = [];
  for (const s of states.filter((x) => x.offered)) {
    const name = languageName(s.locale, "en");
    if (s.missing > 0)
      issues.push({ path: [s.locale], message: `${name}: ${s.missing} texts are not translated yet.` });
    if (s.outOfDate > 0)
      issues.push({ path: [s.locale], message: `${name}: ${s.outOfDate} translations are out of date.` });
    if (!s.signOff?.current)
      issues.push({
        path: [s.locale],
        message: `${name}: no expert who reads it has signed off the wording as it is now.`,
      });
  }
  if (issues.length > 0) {
    throw new ProblemError(
      "language_not_ready",
      "Finish and sign off each language, or mark it as not offered to publish without it.",
      issues,
    );
  }
  const offered = states.filter((s) => s.offered).map((s) => s.locale);
  const notOffered = states.filter((s) => !s.offered).map((s) => s.locale);
  return {
    definition: notOffered.length > 0 ? keepLocales(definition, offered) : definition,
    offered,
    notOffered,
  };
}
