import type { Kysely } from "kysely";
import type { AttentionItem, AttentionQuery, AttentionResponse } from "../../shared/contract/review.ts";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import type { Database } from "../db/schema.ts";
import { findSurveyVersion } from "../surveys/surveys.repository.ts";
import { listForReview } from "./review.repository.ts";

/**
 * The "needs attention" list for the area partnership (docs/decisions/0024-who-sees-what.md): the
 * interviews in the caller's scope waiting for review, with the names and wording of the questions
 * affected. Built from the review queue and each interview's issue list; the answers and the check
 * messages (which can quote an answer) are never read into it.
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
  const titles = new Map<string, Map<string, string>>();
  const titlesOf = async (surveyId: string, version: number) => {
    const key = `${surveyId}@${version}`;
    let found = titles.get(key);
    if (!found) {
      const row = await findSurveyVersion(db, surveyId, version);
      const fields = row ? (JSON.parse(row.fields) as SurveyField[]) : [];
      found = new Map(fields.map((f) => [f.name, f.title]));
      titles.set(key, found);
    }
    return found;
  };

  const items: AttentionItem[] = [];
  for (const r of page.responses) {
    const byName = await titlesOf(r.surveyId, r.surveyVersion);
    items.push({
      id: r.id,
      surveyTitle: r.surveyTitle,
      participantCode: r.participantCode,
      areaId: r.areaId,
      areaName: r.areaName,
      wave: r.wave,
      completedAt: r.completedAt,
      receivedAt: r.receivedAt,
      questions: (questionsOf.get(r.id) ?? []).map((name) => ({ name, title: byName.get(name) ?? name })),
      conflictingCopies: r.revisions > 1,
    });
  }
  return { items, total: page.total, nextCursor: page.nextCursor };
}
