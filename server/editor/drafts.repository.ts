import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DraftEventKind, DraftStatus } from "../../shared/contract/editor.ts";
import type { Database } from "../db/schema.ts";
import { apartFromPictures, storeDraftPictures, withStoredPictures } from "./draft-pictures.repository.ts";

/**
 * The working draft of each survey. Every write is conditional on the revision and status the writer
 * read, so two people saving at once cannot both win: the second write changes no row and the caller
 * answers `draft_stale`. A survey nobody has edited since publishing has no row; its first write inserts one.
 * Its Easy Read pictures are stored apart from its text (draft-pictures.repository.ts, decision 0051).
 */
export interface DraftRow {
  surveyId: string;
  title: string;
  description: string;
  definition: Record<string, unknown>;
  revision: number;
  status: DraftStatus;
  baseVersion: number | null;
  ownerId: string | null;
  confirmedNameChanges: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function findDraftRow(db: Kysely<Database>, surveyId: string): Promise<DraftRow | undefined> {
  const row = await db
    .selectFrom("survey_drafts")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    surveyId: row.survey_id,
    title: row.title,
    description: row.description,
    definition: await withStoredPictures(db, surveyId, row.definition),
    revision: Number(row.revision),
    status: row.status as DraftStatus,
    baseVersion: row.base_version === null ? null : Number(row.base_version),
    ownerId: row.owner_id,
    confirmedNameChanges: JSON.parse(row.confirmed_name_changes) as string[],
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export interface DraftWrite {
  title: string;
  description: string;
  definition: Record<string, unknown>;
  status: DraftStatus;
  baseVersion: number | null;
  ownerId: string | null;
  confirmedNameChanges: string[];
}

/**
 * Writes the next revision if the draft is still at `expected` (revision and status). Returns the new
 * revision, or null when someone else wrote first.
 */
export async function writeDraft(
  db: Kysely<Database>,
  surveyId: string,
  expected: { revision: number; status: DraftStatus },
  next: DraftWrite,
  actorId: string,
  now: Date,
): Promise<number | null> {
  const revision = expected.revision + 1;
  const { text, pictures } = apartFromPictures(next.definition);
  const values = {
    title: next.title,
    description: next.description,
    definition: text,
    revision,
    status: next.status,
    base_version: next.baseVersion,
    owner_id: next.ownerId,
    confirmed_name_changes: JSON.stringify(next.confirmedNameChanges),
    updated_at: now.toISOString(),
    updated_by: actorId,
  };
  // The row first, then its pictures, in one transaction: the row's lock keeps two saves apart.
  const write = async (trx: Kysely<Database>): Promise<number | null> => {
    if (expected.revision === 0) {
      const result = await trx
        .insertInto("survey_drafts")
        .values({ survey_id: surveyId, created_at: now.toISOString(), ...values })
        .onConflict((oc) => oc.column("survey_id").doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
    } else {
      const result = await trx
        .updateTable("survey_drafts")
        .set(values)
        .where("survey_id", "=", surveyId)
        .where("revision", "=", expected.revision)
        .where("status", "=", expected.status)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
    }
    await storeDraftPictures(trx, surveyId, pictures);
    return revision;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/** A status change without a content change; the revision stays, so sign-offs on it still count. */
export async function setDraftStatus(
  db: Kysely<Database>,
  surveyId: string,
  expected: { revision: number; status: DraftStatus },
  status: DraftStatus,
  extra: { baseVersion?: number; confirmedNameChanges?: string[] } = {},
): Promise<boolean> {
  const result = await db
    .updateTable("survey_drafts")
    .set({
      status,
      ...(extra.baseVersion === undefined ? {} : { base_version: extra.baseVersion }),
      ...(extra.confirmedNameChanges === undefined
        ? {}
        : { confirmed_name_changes: JSON.stringify(extra.confirmedNameChanges) }),
    })
    .where("survey_id", "=", surveyId)
    .where("revision", "=", expected.revision)
    .where("status", "=", expected.status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addDraftEvent(
  db: Kysely<Database>,
  event: {
    surveyId: string;
    revision: number;
    at: Date;
    actorId: string | null;
    kind: DraftEventKind;
    questions: string[];
    summary: string;
  },
): Promise<void> {
  await db
    .insertInto("survey_draft_events")
    .values({
      id: randomUUID(),
      survey_id: event.surveyId,
      revision: event.revision,
      at: event.at.toISOString(),
      actor_id: event.actorId,
      kind: event.kind,
      questions: JSON.stringify(event.questions.slice(0, 200)),
      summary: event.summary.slice(0, 2000),
    })
    .execute();
}

export async function listDraftEvents(db: Kysely<Database>, surveyId: string, limit = 200) {
  const rows = await db
    .selectFrom("survey_draft_events")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("at", "desc")
    .orderBy("revision", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as DraftEventKind,
    revision: Number(r.revision),
    actorId: r.actor_id,
    at: r.at,
    questions: JSON.parse(r.questions) as string[],
    summary: r.summary,
  }));
}

export interface EditorListRow {
  id: string;
  title: string;
  status: DraftStatus | null;
  revision: number | null;
  updatedAt: string | null;
  latestVersion: number | null;
  openSuggestions: number;
}

/** Every survey, published or not, with its draft's state: the editor's home list. */
export async function listEditorSurveys(db: Kysely<Database>): Promise<EditorListRow[]> {
  const rows = await db
    .selectFrom("surveys as s")
    .leftJoin("survey_drafts as d", "d.survey_id", "s.id")
    .select(({ selectFrom }) => [
      "s.id",
      "s.title as surveyTitle",
      "d.title as draftTitle",
      "d.status",
      "d.revision",
      "d.updated_at",
      selectFrom("survey_versions as v")
        .select(({ fn }) => fn.max("v.version").as("max"))
        .whereRef("v.survey_id", "=", "s.id")
        .as("latest_version"),
      selectFrom("survey_suggestions as g")
        .select(({ fn }) => fn.countAll().as("n"))
        .whereRef("g.survey_id", "=", "s.id")
        .where("g.status", "=", "open")
        .as("open_suggestions"),
    ])
    .orderBy("s.title")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.draftTitle ?? r.surveyTitle,
    status: (r.status as DraftStatus | null) ?? null,
    revision: r.revision === null ? null : Number(r.revision),
    updatedAt: r.updated_at,
    latestVersion:
      r.latest_version === null || r.latest_version === undefined ? null : Number(r.latest_version),
    openSuggestions: Number(r.open_suggestions ?? 0),
  }));
}
