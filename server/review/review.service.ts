import type { Kysely } from "kysely";
import { WITHHELD_VALUE } from "../../shared/contract/exports.ts";
import type {
  ResponseRevision,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewDetail,
  ReviewEvent,
  ReviewStatus,
} from "../../shared/contract/review.ts";
import type { AnswerIssue, SyncItem } from "../../shared/contract/sync.ts";
import { issuesForEnding } from "../../shared/fieldwork/endings.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import { answerFits } from "../exports/cells.ts";
import { planColumns } from "../exports/columns.ts";
import type { ValidatorCache } from "../fieldwork/validator-cache.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { findSurveyVersion } from "../surveys/surveys.repository.ts";
import { isWithdrawn } from "../withdrawal/withdrawals.repository.ts";
import { itemDifferences, itemFromRow } from "./response-item.ts";
import {
  adoptRevision,
  archiveFirstRevision,
  currentRevision,
  findResponse,
  insertReviewEvent,
  listReviewEvents,
  listRevisions,
  lockResponse,
  type ResponseRow,
  type RevisionRow,
  setReviewStatus,
} from "./review.repository.ts";

export interface ReviewContext {
  db: Kysely<Database>;
  validators: ValidatorCache;
  user: SessionUser;
  now: Date;
  /** Spread into audit entries: the client's address and user agent. */
  origin: { ip: string | null; userAgent: string | null };
}

/** In place of an answer an evaluator may not read. */
const WITHHELD = WITHHELD_VALUE;
const WITHHELD_ISSUE =
  "This answer is kept for the data manager: it does not fit its question or is in the participant's own words.";

const WITHHELD_COMMENT =
  "Not shown to evaluators: a comment by the data manager, who reads answers in the participant's own words. Ask them.";

/**
 * What a reviewer may read of the answers (DESIGN rule 6, docs/decisions/0024): the data manager reads
 * every answer; an evaluator reads codes, numbers and dates, not the participant's own words (text and
 * comment answers, "other" text) nor an answer that does not fit its question, where names and
 * addresses turn up — as in their exports (server/exports). A withheld answer reads "[withheld]", so
 * the reviewer still sees which questions were answered; an issue about it keeps its question and
 * loses its message, which can quote the answer.
 */
function readableBy(user: SessionUser, fields: SurveyField[]) {
  if (user.role === "admin")
    return {
      answers: (data: Record<string, unknown>, _list: AnswerIssue[]) => data,
      issues: (_data: Record<string, unknown>, list: AnswerIssue[]) => list,
      comment: (_authorRole: string | null, event: ReviewEvent) => event,
    };
  const codes = new Map(
    planColumns([{ version: 0, fields, commentQuestions: [] }])
      .filter((c) => !c.freeText)
      .map((c) => [c.key, c]),
  );
  // A grid's answer (a structure) fits only if the server's check did not flag its question.
  const open = (data: Record<string, unknown>, key: string, list: AnswerIssue[]) => {
    const column = codes.get(key);
    return (
      column !== undefined &&
      answerFits(
        column,
        data[key],
        list.some((i) => i.question === key),
      )
    );
  };
  return {
    answers: (data: Record<string, unknown>, list: AnswerIssue[]) =>
      Object.fromEntries(Object.keys(data).map((k) => [k, open(data, k, list) ? data[k] : WITHHELD])),
    issues: (data: Record<string, unknown>, list: AnswerIssue[]) =>
      list.map((i) => (open(data, i.question, list) ? i : { ...i, message: WITHHELD_ISSUE })),
    // A comment by someone who reads more than an evaluator (the data manager) may quote what the
    // evaluator may not read; the evaluator sees that it exists and who wrote it, not its text. The
    // role is the author's when they wrote it, kept on the event: an account that changes role later
    // changes nothing about what it wrote (docs/decisions/0065 §2). None recorded reads as withheld.
    comment: (authorRole: string | null, event: ReviewEvent) =>
      authorRole === "evaluator" || event.comment === null ? event : { ...event, comment: WITHHELD_COMMENT },
  };
}

/** One response with everything a reviewer needs: answers, issues, every revision and the history. */
export async function reviewDetail(ctx: ReviewContext, id: string): Promise<ReviewDetail> {
  const found = await findResponse(ctx.db, id);
  if (!found) throw new ProblemError("response_not_found");
  assertAreaInScope(ctx.user, found.row.area_id);
  const { row } = found;
  // Every read of one interview's answers is recorded (docs/decisions/0024: analysts' reads audited).
  await audit(ctx.db, {
    ...ctx.origin,
    at: ctx.now,
    actorId: ctx.user.id,
    action: "review.read",
    target: id,
  });
  const revisionRows = await listRevisions(ctx.db, id);
  const current = currentRevision(row, revisionRows);
  const currentItem = itemFromRow(row);
  const issues = JSON.parse(row.issues) as AnswerIssue[];
  const fields = await versionFields(ctx.db, row.survey_id, Number(row.survey_version));
  const readable = readableBy(ctx.user, fields);

  const revisions: ResponseRevision[] = [];
  if (revisionRows.length > 0) {
    const first = revisionRows.some((r) => r.revision === 1)
      ? []
      : [{ revision: 1, received_at: row.received_at, submitter: found.submitter, item: currentItem }];
    const all = [...first, ...revisionRows.map((r) => ({ ...r, item: JSON.parse(r.item) as SyncItem }))].sort(
      (a, b) => a.revision - b.revision,
    );
    for (const r of all) {
      const isCurrent = r.revision === current;
      const differences = itemDifferences(r.item, currentItem);
      const revisionIssues = isCurrent ? issues : await validateItem(ctx, r.item);
      // Each copy is read through its own survey version: a conflicting copy sent under another
      // version (or survey) has its own questions, and what fits the current version's question may
      // be the participant's own words in the copy's.
      const own = isCurrent
        ? readable
        : readableBy(ctx.user, await versionFields(ctx.db, r.item.surveyId, r.item.surveyVersion));
      revisions.push({
        revision: Number(r.revision),
        current: isCurrent,
        receivedAt: r.received_at,
        submittedBy: r.submitter,
        item: { ...r.item, data: own.answers(r.item.data, revisionIssues) },
        issues: own.issues(r.item.data, revisionIssues),
        changedEnvelope: differences.envelope,
        changedAnswers: differences.answers,
      });
    }
  }

  return {
    response: {
      id: row.id,
      surveyId: row.survey_id,
      surveyTitle: found.surveyTitle,
      surveyVersion: Number(row.survey_version),
      participantCode: row.participant_code,
      areaId: row.area_id,
      areaName: found.areaName,
      wave: Number(row.wave),
      completedAt: row.completed_at,
      receivedAt: row.received_at,
      reviewStatus: row.review_status as ReviewStatus,
      issueCount: issues.length,
      revisions: Number(row.revisions),
      administrationMode: row.administration_mode,
      startedAt: row.started_at,
      submittedBy: found.submitter,
      currentRevision: current,
    },
    fields,
    answers: readable.answers(currentItem.data, issues),
    issues: readable.issues(currentItem.data, issues),
    revisions,
    history: (await listReviewEvents(ctx.db, id)).map(({ actorRole, ...event }) =>
      readable.comment(actorRole, event),
    ),
  };
}

/**
 * Records a decision, in one transaction with its history entry and audit entry. Refused with
 * `review_changed` when the response is not as the reviewer last saw it. Adopting another revision
 * keeps the answers it replaces: revision 1 is copied to `response_revisions` first, and every other
 * revision is there already.
 */
export async function decide(ctx: ReviewContext, id: string, body: ReviewDecisionRequest): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockResponse(trx, id))) throw new ProblemError("response_not_found");
    const found = await findResponse(trx, id);
    if (!found) throw new ProblemError("response_not_found");
    const { row } = found;
    assertAreaInScope(ctx.user, row.area_id);
    const revisionRows = await listRevisions(trx, id);
    const current = currentRevision(row, revisionRows);
    const { seen } = body;
    if (
      seen.status !== row.review_status ||
      seen.revisions !== Number(row.revisions) ||
      seen.currentRevision !== current
    ) {
      throw new ProblemError(
        "review_changed",
        `It is now "${row.review_status}" with ${row.revisions} revision(s), revision ${current} current.`,
      );
    }

    let adopted: number | null = null;
    if (body.adoptRevision !== undefined && body.adoptRevision !== current) {
      adopted = body.adoptRevision;
      await adopt(ctx, trx, row, revisionRows, adopted);
    }

    const from = row.review_status as ReviewStatus;
    await setReviewStatus(trx, id, body.status);
    await insertReviewEvent(trx, {
      responseId: id,
      at: ctx.now,
      actorId: ctx.user.id,
      actorRole: ctx.user.role,
      fromStatus: from,
      toStatus: body.status,
      adoptedRevision: adopted,
      comment: body.comment || null,
    });
    // The audit entry says who decided what; the comment stays with the response (it may quote answers).
    await audit(trx, {
      ...ctx.origin,
      at: ctx.now,
      actorId: ctx.user.id,
      action: "review.decision",
      target: id,
      detail: { from, to: body.status, ...(adopted === null ? {} : { adoptedRevision: adopted }) },
    });
  });
}

async function adopt(
  ctx: ReviewContext,
  trx: Kysely<Database>,
  row: ResponseRow,
  revisionRows: RevisionRow[],
  revision: number,
): Promise<void> {
  // Revision 1 is in this list once it has been archived; until then it is the current one.
  const target = revisionRows.find((r) => r.revision === revision);
  if (!target) throw new ProblemError("revision_not_found", `There is no revision ${revision} to adopt.`);
  const item = JSON.parse(target.item) as SyncItem;
  // The copy may name another area or participant than the current one: both must be allowed.
  assertAreaInScope(ctx.user, item.areaId);
  if (await isWithdrawn(trx, item.participantCode)) {
    throw new ProblemError("participant_withdrawn", `Revision ${revision} is for a withdrawn participant.`);
  }
  const version = await findSurveyVersion(trx, item.surveyId, item.surveyVersion);
  if (!version) throw new ProblemError("survey_version_not_found", `${item.surveyId}@${item.surveyVersion}`);
  const issues = issuesForEnding(
    item,
    ctx.validators.validate(
      item.surveyId,
      item.surveyVersion,
      () => JSON.parse(version.definition),
      item.data,
    ),
  );
  await archiveFirstRevision(trx, row, itemFromRow(row));
  // The dashboards' indicator rows follow by themselves: a trigger on `responses` queues the changed
  // response for a rewrite before the dashboards next read (migration 2026-11-26-03).
  await adoptRevision(trx, { item, contentHash: target.content_hash, issues });
}

/** A comment that changes nothing else; it goes into the history like a decision. */
export async function comment(ctx: ReviewContext, id: string, body: ReviewCommentRequest): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockResponse(trx, id))) throw new ProblemError("response_not_found");
    const found = await findResponse(trx, id);
    if (!found) throw new ProblemError("response_not_found");
    assertAreaInScope(ctx.user, found.row.area_id);
    const status = found.row.review_status as ReviewStatus;
    await insertReviewEvent(trx, {
      responseId: id,
      at: ctx.now,
      actorId: ctx.user.id,
      actorRole: ctx.user.role,
      fromStatus: status,
      toStatus: status,
      adoptedRevision: null,
      comment: body.comment,
    });
    await audit(trx, {
      ...ctx.origin,
      at: ctx.now,
      actorId: ctx.user.id,
      action: "review.comment",
      target: id,
    });
  });
}

async function versionFields(
  db: Kysely<Database>,
  surveyId: string,
  version: number,
): Promise<SurveyField[]> {
  const row = await findSurveyVersion(db, surveyId, version);
  return row ? (JSON.parse(row.fields) as SurveyField[]) : [];
}

/** A revision's issues against its own survey version, as survey-core and our checks see them. */
async function validateItem(
  ctx: Pick<ReviewContext, "db" | "validators">,
  item: SyncItem,
): Promise<AnswerIssue[]> {
  const version = await findSurveyVersion(ctx.db, item.surveyId, item.surveyVersion);
  if (!version) {
    return [
      { question: "surveyVersion", message: `No published version ${item.surveyId}@${item.surveyVersion}.` },
    ];
  }
  return ctx.validators.validate(
    item.surveyId,
    item.surveyVersion,
    () => JSON.parse(version.definition),
    item.data,
  );
}
