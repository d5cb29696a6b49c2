import type { Draft, DraftStatus, SuggestionRequest } from "../../shared/contract/editor.ts";
import { wordingFinder } from "../../shared/editor/change-summary.ts";
import { applySuggestion, currentWording, findQuestion } from "../../shared/editor/suggestion.ts";
import { normaliseSurvey } from "../../shared/editor/survey-json.ts";
import { sanitiseSurveyHtml } from "../../shared/html/sanitise-survey.ts";
import { ProblemError } from "../http/problem.ts";
import {
  decideSuggestion,
  findSuggestion,
  insertSuggestion,
  type SuggestionRow,
} from "./collaboration.repository.ts";
import { loadDraftState, staleError, toDraft } from "./draft-state.ts";
import { addDraftEvent, writeDraft } from "./drafts.repository.ts";
import { type EditorContext, guardLockedWording, mayDecide } from "./editor-rules.ts";

/**
 * Suggested rewordings of a question: anyone who may edit suggests; someone other than the author
 * (the draft's owner or a coordinator) accepts, which writes the wording into the draft as a new
 * revision, or declines; the author may withdraw their own.
 */
export async function suggest(
  ctx: EditorContext,
  surveyId: string,
  request: SuggestionRequest,
): Promise<SuggestionRow> {
  const { row } = await loadDraftState(ctx.db, surveyId);
  const survey = normaliseSurvey(row.definition);
  const question = findQuestion(survey, request.question);
  if (!question)
    throw new ProblemError("question_not_found", `No question "${request.question}" in the draft.`);
  if (question.locked === true) {
    throw new ProblemError("question_locked", `“${request.question}” is from a licensed instrument.`);
  }
  const original = currentWording(survey, request.question, request.field) ?? "";
  if (original.trim() === request.proposed.trim()) {
    throw new ProblemError("invalid_body", "The suggestion is the same as the current wording.", [
      { path: ["proposed"], message: "Change at least one word." },
    ]);
  }
  return insertSuggestion(ctx.db, {
    surveyId,
    question: request.question,
    field: request.field,
    original,
    proposed: request.proposed,
    note: request.note ?? "",
    authorId: ctx.user.id,
    createdAt: ctx.now.toISOString(),
  });
}

async function openSuggestion(ctx: EditorContext, surveyId: string, id: string): Promise<SuggestionRow> {
  const suggestion = await findSuggestion(ctx.db, surveyId, id);
  if (!suggestion) throw new ProblemError("suggestion_not_found");
  if (suggestion.status !== "open") {
    throw new ProblemError("suggestion_decided", `It was ${suggestion.status} at ${suggestion.decidedAt}.`);
  }
  return suggestion;
}

export async function acceptSuggestion(ctx: EditorContext, surveyId: string, id: string): Promise<Draft> {
  const suggestion = await openSuggestion(ctx, surveyId, id);
  const state = await loadDraftState(ctx.db, surveyId);
  const { row } = state;
  // Someone other than the author decides (issue 15), whatever their role: the author may withdraw it.
  if (suggestion.authorId === ctx.user.id) throw new ProblemError("own_suggestion");
  if (!mayDecide(ctx, row.ownerId)) throw new ProblemError("not_draft_owner");
  const applied = applySuggestion(normaliseSurvey(row.definition), suggestion);
  if (!applied.ok) {
    switch (applied.reason) {
      case "question_not_found":
        throw new ProblemError("question_not_found", `“${suggestion.question}” is no longer in the draft.`);
      case "question_locked":
        throw new ProblemError("question_locked", `“${suggestion.question}” has been locked since.`);
      case "outdated":
        throw new ProblemError("suggestion_outdated", "Decline it, or make the change by hand.");
      default:
        return applied.reason satisfies never;
    }
  }
  guardLockedWording(ctx, state, applied.survey);
  const status: DraftStatus = row.status === "published" ? "draft" : row.status;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    if (!(await decideSuggestion(trx, id, "accepted", ctx.user.id, ctx.now))) return "decided" as const;
    const written = await writeDraft(
      trx,
      surveyId,
      { revision: row.revision, status: row.status },
      {
        title: row.title,
        description: row.description,
        definition: sanitiseSurveyHtml(applied.survey).definition,
        status,
        baseVersion: state.published?.version ?? row.baseVersion,
        ownerId: row.ownerId ?? ctx.user.id,
        confirmedNameChanges: row.confirmedNameChanges,
      },
      ctx.user.id,
      ctx.now,
    );
    if (written === null) throw await staleError(trx, surveyId);
    await addDraftEvent(trx, {
      surveyId,
      revision: written,
      at: ctx.now,
      actorId: ctx.user.id,
      kind: "suggestion_accepted",
      questions: [suggestion.question],
      summary: `accepted a suggested rewording of the ${suggestion.field === "title" ? "question" : "help text of"} “${wordingFinder(normaliseSurvey(row.definition))(suggestion.question)}”`,
    });
    return "accepted" as const;
  });
  if (outcome === "decided") throw new ProblemError("suggestion_decided");
  return toDraft(ctx.db, (await loadDraftState(ctx.db, surveyId)).row);
}

export async function declineSuggestion(
  ctx: EditorContext,
  surveyId: string,
  id: string,
): Promise<SuggestionRow> {
  const suggestion = await openSuggestion(ctx, surveyId, id);
  const { row } = await loadDraftState(ctx.db, surveyId);
  // The author may withdraw their own suggestion; otherwise deciding is the owner's or a coordinator's.
  if (suggestion.authorId !== ctx.user.id && !mayDecide(ctx, row.ownerId)) {
    throw new ProblemError("not_draft_owner");
  }
  if (!(await decideSuggestion(ctx.db, id, "declined", ctx.user.id, ctx.now))) {
    throw new ProblemError("suggestion_decided");
  }
  return { ...suggestion, status: "declined", decidedBy: ctx.user.id, decidedAt: ctx.now.toISOString() };
}
