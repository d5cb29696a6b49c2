import type { Draft, DraftStatus, SaveDraftRequest } from "../../shared/contract/editor.ts";
import {
  describeSummary,
  isEmptySummary,
  summariseChanges,
  wordingFinder,
} from "../../shared/editor/change-summary.ts";
import { dataNameChanges } from "../../shared/editor/guards.ts";
import { normaliseSurvey } from "../../shared/editor/survey-json.ts";
import { sanitiseSurveyHtml } from "../../shared/html/sanitise-survey.ts";
import { audit } from "../audit/audit.repository.ts";
import { ProblemError } from "../http/problem.ts";
import { loadDraftState, staleError, toDraft } from "./draft-state.ts";
import { addDraftEvent, writeDraft } from "./drafts.repository.ts";
import { checkForSave, type EditorContext, guardLockedWording, issuesOf } from "./editor-rules.ts";

/**
 * Saving a draft (or importing SurveyJS JSON over it): checked, cut to the HTML allow-list, licensed
 * wording guarded, published data names confirmed one by one, then written as the next revision with
 * a readable summary of what changed. A save that changes nothing writes nothing.
 */
export async function saveDraft(
  ctx: EditorContext,
  surveyId: string,
  request: SaveDraftRequest,
  kind: "saved" | "imported" = "saved",
): Promise<Draft> {
  const state = await loadDraftState(ctx.db, surveyId);
  const { row } = state;
  if (request.revision !== row.revision) throw await staleError(ctx.db, surveyId);

  const checked = normaliseSurvey(request.definition);
  const issues = await checkForSave(checked);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    throw new ProblemError("survey_json_invalid", "Fix these before saving.", issuesOf(errors));
  }
  // What the check lets through is still cut to the HTML allow-list (issue 14, finding 2); the answer
  // tells the co-designer what was removed, so nothing disappears without a word.
  const { definition: next, removals: removedHtml } = sanitiseSurveyHtml(checked);
  const withNote = (draft: Draft): Draft => (removedHtml.length > 0 ? { ...draft, removedHtml } : draft);
  const unlocked = guardLockedWording(ctx, state, next);

  let confirmed: string[] = [];
  if (state.published) {
    const changes = dataNameChanges(state.published.definition, next);
    const allowed = new Set([...row.confirmedNameChanges, ...(request.confirmDataNameChanges ?? [])]);
    const unconfirmed = changes.filter((c) => !allowed.has(c.name));
    if (unconfirmed.length > 0) {
      throw new ProblemError(
        "data_name_change_unconfirmed",
        "Answers already collected are stored under these names. Confirm each change to save.",
        unconfirmed.map((c) => ({ path: [c.name], message: c.message })),
      );
    }
    confirmed = changes.map((c) => c.name);
  }

  const previous = normaliseSurvey(row.definition);
  const summary = summariseChanges(previous, next);
  const titleChanged = request.title !== row.title || (request.description ?? "") !== row.description;
  if (isEmptySummary(summary) && !titleChanged) {
    return withNote(await toDraft(ctx.db, row)); // nothing to write: the same revision stands
  }
  const status: DraftStatus = row.status === "published" ? "draft" : row.status;
  const revision = await ctx.db.transaction().execute(async (trx) => {
    const written = await writeDraft(
      trx,
      surveyId,
      { revision: row.revision, status: row.status },
      {
        title: request.title,
        description: request.description ?? "",
        definition: next,
        status,
        baseVersion: state.published?.version ?? null,
        ownerId: row.ownerId ?? ctx.user.id,
        confirmedNameChanges: confirmed,
      },
      ctx.user.id,
      ctx.now,
    );
    if (written === null) return null;
    await addDraftEvent(trx, {
      surveyId,
      revision: written,
      at: ctx.now,
      actorId: ctx.user.id,
      kind,
      questions: [...summary.added, ...summary.removed, ...summary.changed],
      summary: `${kind === "imported" ? "imported SurveyJS JSON: " : ""}${
        titleChanged && isEmptySummary(summary)
          ? "renamed the survey"
          : describeSummary(summary, wordingFinder(next, previous))
      }`,
    });
    const newlyConfirmed = confirmed.filter((n) => !row.confirmedNameChanges.includes(n));
    if (newlyConfirmed.length > 0) {
      await addDraftEvent(trx, {
        surveyId,
        revision: written,
        at: ctx.now,
        actorId: ctx.user.id,
        kind: "data_names_confirmed",
        questions: newlyConfirmed,
        summary: `confirmed that answers to ${newlyConfirmed
          .map((n) => `“${wordingFinder(next, previous)(n)}”`)
          .join(", ")} are stored under a new name from now on`,
      });
    }
    return written;
  });
  if (revision === null) throw await staleError(ctx.db, surveyId);
  if (unlocked.length > 0) {
    await audit(ctx.db, {
      at: ctx.now,
      actorId: ctx.user.id,
      action: "survey.unlock",
      target: surveyId,
      detail: { questions: unlocked, revision },
    });
  }
  return withNote(await toDraft(ctx.db, (await loadDraftState(ctx.db, surveyId)).row));
}
