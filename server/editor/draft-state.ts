import type { Kysely } from "kysely";
import type { Draft, DraftStaleProblem } from "../../shared/contract/editor.ts";
import { normaliseSurvey, type SurveyJson } from "../../shared/editor/survey-json.ts";
import type { Database } from "../db/schema.ts";
import { ProblemError } from "../http/problem.ts";
import { findSurveyVersion, surveyExists } from "../surveys/surveys.repository.ts";
import { type DraftRow, findDraftRow } from "./drafts.repository.ts";
import { latestVersionNumber } from "./history.repository.ts";
import { peopleById, personOr } from "./people.ts";

/**
 * A survey's draft as the editor sees it, whether or not a row exists yet: a published survey that
 * nobody has edited reads as revision 0 of a draft equal to its latest version.
 */
export interface DraftState {
  row: DraftRow;
  /** The latest published version, if any: the reference for locked wording and data names. */
  published: { version: number; definition: SurveyJson } | null;
}

export async function loadDraftState(db: Kysely<Database>, surveyId: string): Promise<DraftState> {
  const latest = await latestVersionNumber(db, surveyId);
  const versionRow = latest === null ? undefined : await findSurveyVersion(db, surveyId, latest);
  const published =
    latest !== null && versionRow
      ? { version: latest, definition: normaliseSurvey(JSON.parse(versionRow.definition)) }
      : null;
  const row = await findDraftRow(db, surveyId);
  if (row) return { row, published };
  if (!versionRow || !published) {
    throw (await surveyExists(db, surveyId))
      ? new ProblemError(
          "survey_version_not_found",
          `Survey "${surveyId}" has neither a draft nor a version.`,
        )
      : new ProblemError("survey_not_found", `No survey "${surveyId}".`);
  }
  const survey = await db
    .selectFrom("surveys")
    .select("description")
    .where("id", "=", surveyId)
    .executeTakeFirst();
  return {
    published,
    row: {
      surveyId,
      title: versionRow.title,
      description: survey?.description ?? "",
      definition: published.definition,
      revision: 0,
      status: "published",
      baseVersion: published.version,
      ownerId: null,
      confirmedNameChanges: [],
      updatedAt: null,
      updatedBy: null,
    },
  };
}

export async function toDraft(db: Kysely<Database>, row: DraftRow): Promise<Draft> {
  const people = await peopleById(db, [row.ownerId, row.updatedBy]);
  return {
    surveyId: row.surveyId,
    title: row.title,
    description: row.description,
    definition: row.definition,
    revision: row.revision,
    status: row.status,
    baseVersion: row.baseVersion,
    owner: personOr(people, row.ownerId),
    updatedAt: row.updatedAt,
    updatedBy: personOr(people, row.updatedBy),
    confirmedDataNameChanges: row.confirmedNameChanges,
  };
}

/** `draft_stale`, carrying the draft as it now stands so the client can show it and merge. */
export class DraftStaleError extends ProblemError {
  constructor(draft: Draft, detail?: string) {
    super(
      "draft_stale",
      detail ??
        `The draft is now at revision ${draft.revision}${draft.updatedBy ? `, saved by ${draft.updatedBy.name}` : ""}.`,
    );
    (this.problem as DraftStaleProblem).draft = draft;
  }
}

export async function staleError(
  db: Kysely<Database>,
  surveyId: string,
  detail?: string,
): Promise<DraftStaleError> {
  const { row } = await loadDraftState(db, surveyId);
  return new DraftStaleError(await toDraft(db, row), detail);
}
