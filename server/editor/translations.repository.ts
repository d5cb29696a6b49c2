import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TranslationSources } from "../../shared/editor/translations.ts";
import type { Database } from "../db/schema.ts";

/** Languages of a survey's draft, what each translation was made from, language sign-offs (issue 18). */

export interface LanguageRow {
  locale: string;
  offered: boolean;
}

export async function listLanguages(db: Kysely<Database>, surveyId: string): Promise<LanguageRow[]> {
  const rows = await db
    .selectFrom("survey_languages")
    .select(["locale", "offered"])
    .where("survey_id", "=", surveyId)
    .orderBy("locale")
    .execute();
  return rows.map((r) => ({ locale: r.locale, offered: Number(r.offered) === 1 }));
}

export async function upsertLanguage(
  db: Kysely<Database>,
  row: { surveyId: string; locale: string; offered: boolean; userId: string; at: Date },
): Promise<void> {
  const values = { offered: row.offered ? 1 : 0, updated_by: row.userId, updated_at: row.at.toISOString() };
  await db
    .insertInto("survey_languages")
    .values({ survey_id: row.surveyId, locale: row.locale, ...values })
    .onConflict((oc) => oc.columns(["survey_id", "locale"]).doUpdateSet(values))
    .execute();
}

export async function listSources(db: Kysely<Database>, surveyId: string): Promise<TranslationSources> {
  const rows = await db
    .selectFrom("survey_translation_sources")
    .select(["locale", "string_key", "source"])
    .where("survey_id", "=", surveyId)
    .execute();
  const sources: TranslationSources = {};
  for (const r of rows) {
    sources[r.locale] ??= {};
    (sources[r.locale] as Record<string, string>)[r.string_key] = r.source;
  }
  return sources;
}

export async function recordSources(
  db: Kysely<Database>,
  surveyId: string,
  entries: { locale: string; key: string; source: string }[],
  userId: string,
  at: Date,
): Promise<void> {
  for (const e of entries) {
    const values = { source: e.source, translated_by: userId, translated_at: at.toISOString() };
    await db
      .insertInto("survey_translation_sources")
      .values({ survey_id: surveyId, locale: e.locale, string_key: e.key, ...values })
      .onConflict((oc) => oc.columns(["survey_id", "locale", "string_key"]).doUpdateSet(values))
      .execute();
  }
}

export interface LanguageSignOffRow {
  id: string;
  locale: string;
  revision: number;
  contentHash: string;
  userId: string;
  note: string;
  createdAt: string;
}

export async function insertLanguageSignOff(
  db: Kysely<Database>,
  s: {
    surveyId: string;
    locale: string;
    revision: number;
    contentHash: string;
    userId: string;
    note: string;
    at: Date;
  },
): Promise<LanguageSignOffRow> {
  const row: LanguageSignOffRow = {
    id: randomUUID(),
    locale: s.locale,
    revision: s.revision,
    contentHash: s.contentHash,
    userId: s.userId,
    note: s.note,
    createdAt: s.at.toISOString(),
  };
  await db
    .insertInto("survey_language_signoffs")
    .values({
      id: row.id,
      survey_id: s.surveyId,
      locale: row.locale,
      revision: row.revision,
      content_hash: row.contentHash,
      user_id: row.userId,
      note: row.note,
      created_at: row.createdAt,
    })
    .execute();
  return row;
}

/** Every language sign-off of a survey, newest first. */
export async function listLanguageSignOffs(
  db: Kysely<Database>,
  surveyId: string,
): Promise<LanguageSignOffRow[]> {
  const rows = await db
    .selectFrom("survey_language_signoffs")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    revision: Number(r.revision),
    contentHash: r.content_hash,
    userId: r.user_id,
    note: r.note,
    createdAt: r.created_at,
  }));
}

export async function userLanguages(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("user_languages")
    .select("locale")
    .where("user_id", "=", userId)
    .orderBy("locale")
    .execute();
  return rows.map((r) => r.locale);
}

export async function setUserLanguages(
  db: Kysely<Database>,
  userId: string,
  locales: string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_languages").where("user_id", "=", userId).execute();
    if (locales.length > 0) {
      await trx
        .insertInto("user_languages")
        .values(locales.map((locale) => ({ user_id: userId, locale })))
        .execute();
    }
  });
}
