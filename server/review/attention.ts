import type { Kysely } from "kysely";
import type { AttentionItem, AttentionQuery, AttentionResponse } from "../../shared/contract/review.ts";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { nameableQuestions } from "../../shared/survey/nameable-questions.ts";
import type { Database } from "../db/schema.ts";
import { findSurveyVersion } from "../surveys/surveys.repository.ts";
import { listForReview } from "./review.repository.ts";

/**
 * The "needs attention" list for the area partnership (docs/decisions/0024-who-sees-what.md): the
 * interviews in the caller's scope waiting for review, with the names and wording of the questions
 * affected that every participant is asked, and how many others. Built from the review queue and each
 * interview's issue list; the answers and the check messages (which can quote an answer) are never
 * read into it, and neither is the name of a question asked only after certain answers.
 */
export async function needsAttention(
  db: Kysely<Database>,
  query: AttentionQuery & { scopeAreaId: string | null },
): Promise<AttentionResponse> {
  const page = await listForReview(db, { ...query, status: "needs_review" });
  const ids = page.responses.map((r) => r.id);
  const issueRows =
    ids.length === 0
      ? []
      : await db.selectFrom("responses").select(["id", "issues"]).where("id", "in", ids).execute();
  const questionsOf = new Map(
    issueRows.map((r) => [
      r.id,
      [...new Set((JSON.parse(r.issues) as AnswerIssue[]).map((i) => i.question))],
    ]),
  );
  const named = new Map<string, Promise<Map<string, string>>>();
  const namedIn = (surveyId: string, version: number) => {
    const key = `${surveyId}@${version}`;
    let found = named.get(key);
    if (!found) {
      found = nameableTitles(db, surveyId, version);
      named.set(key, found);
    }
    return found;
  };

  const items: AttentionItem[] = [];
  for (const r of page.responses) {
    const nameable = await namedIn(r.surveyId, r.surveyVersion);
    const affected = questionsOf.get(r.id) ?? [];
    const questions = affected.flatMap((name) => {
      const title = INTERVIEW_DETAILS.get(name) ?? nameable.get(name);
      return title === undefined ? [] : [{ name, title }];
    });
    items.push({
      id: r.id,
      surveyTitle: r.surveyTitle,
      participantCode: r.participantCode,
      areaId: r.areaId,
      areaName: r.areaName,
      wave: r.wave,
      completedAt: r.completedAt,
      receivedAt: r.receivedAt,
      questions,
      unnamedQuestions: affected.length - questions.length,
      conflictingCopies: r.revisions > 1,
    });
  }
  return { items, total: page.total, nextCursor: page.nextCursor };
}

/** The server's own checks of an interview's details, in the words a coordinator would use. */
const INTERVIEW_DETAILS: ReadonlyMap<string, string> = new Map([
  ["completedAt", "When the interview ended"],
  ["startedAt", "When the interview started"],
  ["wave", "Which interview it was (first or a follow-up)"],
  ["interviewer", "Which researcher did the interview"],
  ["language", "The language of the interview"],
]);

/**
 * The wording of the questions of a version that may be named to the area partnership: those every
 * participant is asked, whatever they answered, with no rule of the survey's own on the answer
 * (shared/survey/nameable-questions.ts).
 */
async function nameableTitles(
  db: Kysely<Database>,
  surveyId: string,
  version: number,
): Promise<Map<string, string>> {
  const row = await findSurveyVersion(db, surveyId, version);
  if (!row) return new Map();
  const always = nameableQuestions(createSurveyModel(JSON.parse(row.definition)));
  const fields = JSON.parse(row.fields) as SurveyField[];
  return new Map(fields.filter((f) => always.has(f.name)).map((f) => [f.name, f.title]));
}
