import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SuggestionStatus } from "../../shared/contract/editor.ts";
import type { SuggestionField } from "../../shared/editor/suggestion.ts";
import type { Database } from "../db/schema.ts";

/** Comments, suggested rewordings and sign-offs: each row says who and when. */

export interface CommentRow {
  id: string;
  question: string | null;
  body: string;
  authorId: string;
  createdAt: string;
  revision: number;
}

export async function insertComment(
  db: Kysely<Database>,
  c: {
    surveyId: string;
    question: string | null;
    body: string;
    authorId: string;
    revision: number;
    at: Date;
  },
): Promise<CommentRow> {
  const row: CommentRow = {
    id: randomUUID(),
    question: c.question,
    body: c.body,
    authorId: c.authorId,
    createdAt: c.at.toISOString(),
    revision: c.revision,
  };
  await db
    .insertInto("survey_comments")
    .values({
      id: row.id,
      survey_id: c.surveyId,
      question: row.question,
      body: row.body,
      author_id: row.authorId,
      created_at: row.createdAt,
      revision: row.revision,
    })
    .execute();
  return row;
}

export async function listComments(db: Kysely<Database>, surveyId: string): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom("survey_comments")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    body: r.body,
    authorId: r.author_id,
    createdAt: r.created_at,
    revision: Number(r.revision),
  }));
}

export interface SuggestionRow {
  id: string;
  surveyId: string;
  question: string;
  field: SuggestionField;
  original: string;
  proposed: string;
  note: string;
  authorId: string;
  createdAt: string;
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
}

export async function insertSuggestion(
  db: Kysely<Database>,
  s: Omit<SuggestionRow, "id" | "status" | "decidedBy" | "decidedAt">,
): Promise<SuggestionRow> {
  const row: SuggestionRow = { ...s, id: randomUUID(), status: "open", decidedBy: null, decidedAt: null };
  await db
    .insertInto("survey_suggestions")
    .values({
      id: row.id,
      survey_id: row.surveyId,
      question: row.question,
      field: row.field,
      original: row.original,
      proposed: row.proposed,
      note: row.note,
      author_id: row.authorId,
      created_at: row.createdAt,
      status: row.status,
      decided_by: null,
      decided_at: null,
    })
    .execute();
  return row;
}

function toSuggestion(r: {
  id: string;
  survey_id: string;
  question: string;
  field: string;
  original: string;
  proposed: string;
  note: string;
  author_id: string;
  created_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}): SuggestionRow {
  return {
    id: r.id,
    surveyId: r.survey_id,
    question: r.question,
    field: r.field as SuggestionField,
    original: r.original,
    proposed: r.proposed,
    note: r.note,
    authorId: r.author_id,
    createdAt: r.created_at,
    status: r.status as SuggestionStatus,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

export async function findSuggestion(
  db: Kysely<Database>,
  surveyId: string,
  id: string,
): Promise<SuggestionRow | undefined> {
  const row = await db
    .selectFrom("survey_suggestions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toSuggestion(row) : undefined;
}

export async function listSuggestions(db: Kysely<Database>, surveyId: string): Promise<SuggestionRow[]> {
  const rows = await db
    .selectFrom("survey_suggestions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toSuggestion);
}

/** Decides an open suggestion; false when someone decided it first. */
export async function decideSuggestion(
  db: Kysely<Database>,
  id: string,
  status: Exclude<SuggestionStatus, "open">,
  deciderId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("survey_suggestions")
    .set({ status, decided_by: deciderId, decided_at: at.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SignOffRow {
  id: string;
  userId: string;
  revision: number;
  note: string;
  createdAt: string;
}

export async function listSignOffs(db: Kysely<Database>, surveyId: string): Promise<SignOffRow[]> {
  const rows = await db
    .selectFrom("survey_signoffs")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    revision: Number(r.revision),
    note: r.note,
    createdAt: r.created_at,
  }));
}

/** Signs off one revision; signing the same revision twice keeps the first and reports it. */
export async function insertSignOff(
  db: Kysely<Database>,
  s: { surveyId: string; userId: string; revision: number; note: string; at: Date },
): Promise<{ row: SignOffRow; created: boolean }> {
  const row: SignOffRow = {
    id: randomUUID(),
    userId: s.userId,
    revision: s.revision,
    note: s.note,
    createdAt: s.at.toISOString(),
  };
  const result = await db
    .insertInto("survey_signoffs")
    .values({
      id: row.id,
      survey_id: s.surveyId,
      user_id: row.userId,
      revision: row.revision,
      note: row.note,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.columns(["survey_id", "user_id", "revision"]).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { row, created: true };
  const existing = (await listSignOffs(db, s.surveyId)).find(
    (o) => o.userId === s.userId && o.revision === s.revision,
  );
  return { row: existing ?? row, created: false };
}
