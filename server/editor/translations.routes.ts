import type { Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { translationsApi } from "../../shared/contract/translations.routes.ts";
import {
  AddLanguageRequest,
  LanguageSettingRequest,
  LanguageSignOffRequest,
  Locale,
  MyLanguagesRequest,
  PictureRequest,
  SaveTranslationsRequest,
} from "../../shared/contract/translations.schema.ts";
import type { TranslationChange, TranslationsView } from "../../shared/contract/translations.ts";
import { checkPictures, picturesOf, setPicture } from "../../shared/editor/easy-read-pictures.ts";
import { normaliseSurvey, type SurveyJson } from "../../shared/editor/survey-json.ts";
import {
  languageContent,
  setTranslation,
  type TranslatableString,
  translatableStrings,
  translationStatus,
} from "../../shared/editor/translations.ts";
import { readTranslationsCsv, translationsToCsv } from "../../shared/editor/translations-csv.ts";
import { isRightToLeft, languageName, mainLocale } from "../../shared/survey/locales.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount, readDeclaredQuery } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { loadDraftState, staleError } from "./draft-state.ts";
import { addDraftEvent, writeDraft } from "./drafts.repository.ts";
import { draftLanguages, languageStates, wordingHash } from "./language-states.ts";
import { peopleById, person } from "./people.ts";
import {
  insertLanguageSignOff,
  listLanguages,
  recordSources,
  setUserLanguages,
  upsertLanguage,
  userLanguages,
} from "./translations.repository.ts";

export const CSV_LIMIT = 2 * 1024 * 1024;
export const PICTURE_BODY_LIMIT = 512 * 1024;

function surveyIdParam(value: string): string {
  const parsed = SurveyId.safeParse(value);
  if (!parsed.success) throw new ProblemError("survey_not_found");
  return parsed.data;
}

function localeParam(value: string): string {
  const parsed = Locale.safeParse(value);
  if (!parsed.success) throw new ProblemError("language_not_found");
  return parsed.data;
}

async function view(db: Kysely<Database>, surveyId: string, userId: string): Promise<TranslationsView> {
  const { row } = await loadDraftState(db, surveyId);
  const { strings, sources, main, states } = await languageStates(db, surveyId, row.definition);
  const people = await peopleById(
    db,
    states.flatMap((s) => (s.signOff ? [s.signOff.userId] : [])),
  );
  return {
    surveyId,
    revision: row.revision,
    mainLocale: main,
    languages: states.map((s) => ({
      locale: s.locale,
      name: languageName(s.locale, "en"),
      rightToLeft: isRightToLeft(s.locale),
      offered: s.offered,
      total: s.total,
      missing: s.missing,
      outOfDate: s.outOfDate,
      signOff: s.signOff
        ? {
            by: person(people, s.signOff.userId),
            at: s.signOff.at,
            note: s.signOff.note,
            current: s.signOff.current,
          }
        : null,
    })),
    strings: strings.map((s) => ({
      key: s.key,
      where: s.where,
      label: s.label,
      source: s.source,
      texts: Object.fromEntries(
        states.map(({ locale }) => {
          const state = translationStatus(s, locale, sources);
          const madeFrom = sources[locale]?.[s.key];
          return [
            locale,
            {
              text: s.texts[locale] ?? "",
              state,
              ...(state === "out_of_date" && madeFrom !== undefined ? { madeFrom } : {}),
            },
          ];
        }),
      ),
    })),
    myLanguages: await userLanguages(db, userId),
  };
}

interface Edit {
  key: string;
  locale: string;
  text: string;
  translatedFrom: string;
}

/**
 * Applies translations to the draft as one new revision and records what each was translated from.
 * Returns what changed; writes nothing when nothing did (or when `dryRun`).
 */
async function applyEdits(
  db: Kysely<Database>,
  surveyId: string,
  revision: number,
  edits: Edit[],
  user: { id: string },
  now: Date,
  dryRun: boolean,
): Promise<{ changes: TranslationChange[]; unchanged: number; revision: number }> {
  const state = await loadDraftState(db, surveyId);
  const { row } = state;
  if (revision !== row.revision) throw await staleError(db, surveyId);
  let definition: SurveyJson = normaliseSurvey(row.definition);
  const before = new Map<string, TranslatableString>(translatableStrings(definition).map((s) => [s.key, s]));
  const changes: TranslationChange[] = [];
  const issues: FieldIssue[] = [];
  let unchanged = 0;
  const recorded: { locale: string; key: string; source: string }[] = [];
  for (const edit of edits) {
    const s = before.get(edit.key);
    if (!s) {
      issues.push({ path: [edit.key], message: "No text in the draft has this id." });
      continue;
    }
    const previous = s.texts[edit.locale] ?? "";
    if (previous === edit.text) {
      unchanged += 1;
      if (edit.text !== "")
        recorded.push({ locale: edit.locale, key: edit.key, source: edit.translatedFrom });
      continue;
    }
    const next = setTranslation(definition, edit.key, edit.locale, edit.text);
    if (!next) {
      issues.push({ path: [edit.key, edit.locale], message: "This language cannot be set here." });
      continue;
    }
    definition = next;
    changes.push({
      key: s.key,
      where: s.where,
      label: s.label,
      locale: edit.locale,
      before: previous,
      after: edit.text,
    });
    if (edit.text !== "") recorded.push({ locale: edit.locale, key: edit.key, source: edit.translatedFrom });
  }
  if (issues.length > 0)
    throw new ProblemError("invalid_body", "Some texts could not be found.", issues.slice(0, 50));
  if (dryRun) return { changes, unchanged, revision: row.revision };
  if (changes.length === 0) {
    await recordSources(db, surveyId, recorded, user.id, now);
    return { changes, unchanged, revision: row.revision };
  }
  const written = await db.transaction().execute(async (trx) => {
    const next = await writeDraft(
      trx,
      surveyId,
      { revision: row.revision, status: row.status },
      {
        title: row.title,
        description: row.description,
        definition,
        status: row.status === "published" ? "draft" : row.status,
        baseVersion: state.published?.version ?? row.baseVersion,
        ownerId: row.ownerId ?? user.id,
        confirmedNameChanges: row.confirmedNameChanges,
      },
      user.id,
      now,
    );
    if (next === null) return null;
    await recordSources(trx, surveyId, recorded, user.id, now);
    const locales = [...new Set(changes.map((c) => c.locale))];
    await addDraftEvent(trx, {
      surveyId,
      revision: next,
      at: now,
      actorId: user.id,
      kind: "translated",
      questions: [...new Set(changes.map((c) => c.where).filter((w) => w !== ""))],
      summary: `translated ${changes.length} ${changes.length === 1 ? "text" : "texts"} into ${locales
        .map((l) => languageName(l, "en"))
        .join(", ")}`,
    });
    return next;
  });
  if (written === null) throw await staleError(db, surveyId);
  return { changes, unchanged, revision: written };
}

async function readLimitedText(c: Context<AppEnv>, limit: number): Promise<string> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > limit) throw new ProblemError("body_too_large", `At most ${limit} bytes.`);
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > limit) throw new ProblemError("body_too_large", `At most ${limit} bytes.`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new ProblemError("translations_csv_unusable", "Save the file as CSV UTF-8.");
  }
}

/** Translation, languages, language sign-off and Easy Read pictures, under /api/editor. */
export function translationRoutes(api: Hono<AppEnv>): void {
  mount(api, translationsApi.view, {}, async (c, { params }) => {
    const user = requireUser(c.get("user"));
    return view(c.get("deps").db, surveyIdParam(params.id), user.id);
  });

  mount(api, translationsApi.save, { body: SaveTranslationsRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const locale = localeParam(params.locale);
    const { row } = await loadDraftState(db, id);
    if (locale === mainLocale(row.definition))
      throw new ProblemError("language_not_found", "This is the main language.");
    const sources = new Map(translatableStrings(row.definition).map((s) => [s.key, s.source]));
    const result = await applyEdits(
      db,
      id,
      body.revision,
      body.strings.map((s) => ({
        key: s.key,
        locale,
        text: s.text,
        translatedFrom: sources.get(s.key) ?? "",
      })),
      user,
      now(),
      false,
    );
    await ensureLanguage(db, id, locale, user.id, now());
    return { ...(await view(db, id, user.id)), changes: result.changes };
  });

  mount(api, translationsApi.csv, {}, async (c, { params }) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(params.id);
    const { row } = await loadDraftState(db, id);
    const { main, locales } = await draftLanguages(db, id, row.definition);
    const csv = translationsToCsv(translatableStrings(row.definition), main, locales);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${id}-translations-r${row.revision}.csv"`);
    return c.body(csv);
  });

  // The body is the CSV file and the query is read in the handler, after the media type and the size.
  const ImportCsvQuery = z.object({
    revision: z
      .string()
      .regex(/^\d{1,9}$/, "The draft's revision, a number.")
      .transform(Number),
    preview: z.literal("1").optional(),
  });
  mount(api, translationsApi.importCsv, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const type = c.req.header("content-type") ?? "";
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      throw new ProblemError("unsupported_media_type", "Send the file as text/csv.");
    }
    // The size is judged first, so an oversized upload is always a 413 whatever else is wrong with it.
    const text = await readLimitedText(c, CSV_LIMIT);
    const query = readDeclaredQuery(c, translationsApi.importCsv, ImportCsvQuery);
    const dryRun = query.preview === "1";
    if (text.includes("\u0000"))
      throw new ProblemError("translations_csv_unusable", "The file contains a NUL character.");
    const { row } = await loadDraftState(db, id);
    const main = mainLocale(row.definition);
    const read = readTranslationsCsv(text, translatableStrings(row.definition), main);
    if (read.problems.length > 0) {
      throw new ProblemError(
        "translations_csv_unusable",
        "Nothing was changed. Fix these rows and columns and try again.",
        read.problems.slice(0, 100).map((p) => ({
          path: [p.row, ...(p.column ? [p.column] : [])],
          message:
            p.row === 0 ? p.message : `Row ${p.row}${p.column ? `, column “${p.column}”` : ""}: ${p.message}`,
        })),
      );
    }
    const { locales: existing } = await draftLanguages(db, id, row.definition);
    const addedLanguages = read.locales.filter((l) => !existing.includes(l));
    const result = await applyEdits(db, id, query.revision, read.translations, user, now(), dryRun);
    if (!dryRun) for (const l of read.locales) await ensureLanguage(db, id, l, user.id, now());
    return {
      applied: !dryRun,
      revision: result.revision,
      changes: result.changes,
      unchanged: result.unchanged,
      addedLanguages,
    };
  });

  mount(api, translationsApi.addLanguage, { body: AddLanguageRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const { locale } = body;
    const { row } = await loadDraftState(db, id);
    if (locale === mainLocale(row.definition))
      throw new ProblemError("language_not_found", "This is the main language.");
    await ensureLanguage(db, id, locale, user.id, now());
    return view(db, id, user.id);
  });

  mount(api, translationsApi.setOffered, { body: LanguageSettingRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const locale = localeParam(params.locale);
    const { offered } = body;
    const { row } = await loadDraftState(db, id);
    const { locales } = await draftLanguages(db, id, row.definition);
    if (!locales.includes(locale)) throw new ProblemError("language_not_found");
    await upsertLanguage(db, { surveyId: id, locale, offered, userId: user.id, at: now() });
    await audit(db, {
      at: now(),
      actorId: user.id,
      action: offered ? "survey.language_offered" : "survey.language_not_offered",
      target: id,
      detail: { locale },
    });
    return view(db, id, user.id);
  });

  mount(api, translationsApi.signOff, { body: LanguageSignOffRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const locale = localeParam(params.locale);
    const { note } = body;
    const { row } = await loadDraftState(db, id);
    const { states, strings } = await languageStates(db, id, row.definition);
    const state = states.find((s) => s.locale === locale);
    if (!state) throw new ProblemError("language_not_found");
    if (!(await userLanguages(db, user.id)).includes(locale)) {
      throw new ProblemError(
        "language_not_read",
        `Add ${languageName(locale, "en")} to the languages you read first.`,
      );
    }
    if (state.missing > 0 || state.outOfDate > 0) {
      throw new ProblemError(
        "language_not_ready",
        `${state.missing} texts are not translated and ${state.outOfDate} are out of date.`,
      );
    }
    const contentHash = wordingHash(languageContent(strings, locale));
    const signOff = await insertLanguageSignOff(db, {
      surveyId: id,
      locale,
      revision: row.revision,
      contentHash,
      userId: user.id,
      note,
      at: now(),
    });
    await audit(db, {
      at: now(),
      actorId: user.id,
      action: "survey.language_signoff",
      target: id,
      detail: { locale, revision: row.revision, contentHash, signOff: signOff.id },
    });
    return view(db, id, user.id);
  });

  mount(api, translationsApi.pictures, {}, async (c, { params }) => {
    const { row } = await loadDraftState(c.get("deps").db, surveyIdParam(params.id));
    return { revision: row.revision, questions: picturesOf(row.definition) };
  });

  // The picture's own size limit is checked before the body is parsed (the default limit skips it).
  mount(api, translationsApi.setPicture, { readBody: readPicture }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    const state = await loadDraftState(db, id);
    const { row } = state;
    if (body.revision !== row.revision) throw await staleError(db, id);
    // Only an uploaded picture: one at a web address would not show offline, and a tablet showing it
    // would tell that address who is being interviewed and when.
    if (body.picture && !body.picture.dataUrl.startsWith("data:")) {
      throw new ProblemError("picture_invalid", undefined, [
        { path: ["picture", "dataUrl"], message: "Upload the picture here (PNG, JPEG, WebP or SVG)." },
      ]);
    }
    const next = setPicture(row.definition, body.question, body.choice, body.picture);
    if (!next)
      throw new ProblemError("question_not_found", `No question "${body.question}" at the top of a page.`);
    const problems = checkPictures(next);
    if (problems.length > 0) {
      throw new ProblemError(
        "picture_invalid",
        undefined,
        problems.slice(0, 20).map((p) => ({ path: [p.where], message: p.message })),
      );
    }
    const written = await db.transaction().execute(async (trx) => {
      const revision = await writeDraft(
        trx,
        id,
        { revision: row.revision, status: row.status },
        {
          title: row.title,
          description: row.description,
          definition: next,
          status: row.status === "published" ? "draft" : row.status,
          baseVersion: state.published?.version ?? row.baseVersion,
          ownerId: row.ownerId ?? user.id,
          confirmedNameChanges: row.confirmedNameChanges,
        },
        user.id,
        now(),
      );
      if (revision === null) return null;
      await addDraftEvent(trx, {
        surveyId: id,
        revision,
        at: now(),
        actorId: user.id,
        kind: "translated",
        questions: [body.question],
        summary: `${body.picture ? "set" : "removed"} the Easy Read picture of ${body.question}${
          body.choice ? ` (choice ${body.choice})` : ""
        }`,
      });
      return revision;
    });
    if (written === null) throw await staleError(db, id);
    await ensureLanguage(db, id, "en-easy", user.id, now());
    return { revision: written, definition: next };
  });

  mount(api, translationsApi.myLanguages, {}, async (c) => {
    const user = requireUser(c.get("user"));
    return { locales: await userLanguages(c.get("deps").db, user.id) };
  });

  mount(api, translationsApi.setMyLanguages, { body: MyLanguagesRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { locales } = body;
    const unique = [...new Set(locales)];
    await setUserLanguages(db, user.id, unique);
    await audit(db, {
      at: now(),
      actorId: user.id,
      action: "user.languages",
      target: user.id,
      detail: { locales: unique },
    });
    return { locales: unique };
  });
}

async function readPicture(c: Context<AppEnv>) {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > PICTURE_BODY_LIMIT)
    throw new ProblemError("body_too_large", `At most ${PICTURE_BODY_LIMIT} bytes.`);
  const raw = await c.req.raw.clone().arrayBuffer();
  if (raw.byteLength > PICTURE_BODY_LIMIT)
    throw new ProblemError("body_too_large", `At most ${PICTURE_BODY_LIMIT} bytes.`);
  return readJson(c, PictureRequest);
}

async function ensureLanguage(
  db: Kysely<Database>,
  surveyId: string,
  locale: string,
  userId: string,
  at: Date,
) {
  const rows = await listLanguages(db, surveyId);
  if (rows.some((r) => r.locale === locale)) return;
  await upsertLanguage(db, { surveyId, locale, offered: true, userId, at });
}
