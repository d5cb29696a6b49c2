import type { Kysely } from "kysely";
import type {
  Draft,
  DraftStatus,
  PublishRequest,
  SaveDraftRequest,
  SuggestionRequest,
} from "../../shared/contract/editor.ts";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import {
  describeSummary,
  isEmptySummary,
  summariseChanges,
  wordingFinder,
} from "../../shared/editor/change-summary.ts";
import {
  checkDefinition,
  type DefinitionIssue,
  publishBlockers,
} from "../../shared/editor/check-definition.ts";
import { dataNameChanges, lockedChanges } from "../../shared/editor/guards.ts";
import { applySuggestion, currentWording, findQuestion } from "../../shared/editor/suggestion.ts";
import { normaliseSurvey, type SurveyJson, sameJson } from "../../shared/editor/survey-json.ts";
import { type HtmlRemoval, sanitiseSurveyHtml } from "../../shared/html/sanitise-survey.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { publishVersion } from "../surveys/surveys.repository.ts";
import {
  decideSuggestion,
  findSuggestion,
  insertSuggestion,
  listSignOffs,
  type SuggestionRow,
} from "./collaboration.repository.ts";
import { type DraftState, loadDraftState, staleError, toDraft } from "./draft-state.ts";
import { addDraftEvent, setDraftStatus, writeDraft } from "./drafts.repository.ts";
import { insertPublication, updateSurveyCatalogue } from "./history.repository.ts";
import { outcomeIds } from "./theory-of-change-outcomes.ts";
import { definitionForPublish } from "./translations.routes.ts";

/**
 * The editor's rules, between the routes (HTTP) and the repositories (SQL): what a save may change,
 * who may accept a suggestion, and what publishing needs. Every refusal is a problem code the client
 * can act on; every change is written with who made it.
 */
export interface EditorContext {
  db: Kysely<Database>;
  user: SessionUser;
  now: Date;
}

const COORDINATING_ROLES: ReadonlySet<string> = new Set(["coordinator", "admin"]);

function issuesOf(issues: { question?: string; message: string }[]): FieldIssue[] {
  return issues.slice(0, 50).map((i) => ({ path: i.question ? [i.question] : [], message: i.message }));
}

export async function checkForSave(definition: unknown): Promise<DefinitionIssue[]> {
  return checkDefinition(definition, { outcomeIds: await outcomeIds() }).issues;
}

/** The change rules shared by a save and an accepted suggestion. */
function guardLockedWording(ctx: EditorContext, state: DraftState, next: SurveyJson): string[] {
  const changes = lockedChanges(
    normaliseSurvey(state.row.definition),
    state.published?.definition ?? null,
    next,
  );
  const reworded = changes.filter((c) => c.kind === "reworded");
  if (reworded.length > 0) {
    throw new ProblemError(
      "question_locked",
      "Put the licensed wording back, or ask a coordinator to unlock the question first.",
      issuesOf(reworded),
    );
  }
  const unlocked = changes.filter((c) => c.kind === "unlocked");
  if (unlocked.length > 0 && !COORDINATING_ROLES.has(ctx.user.role)) {
    throw new ProblemError("unlock_not_allowed", undefined, issuesOf(unlocked));
  }
  return unlocked.map((c) => c.question);
}

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

function mayDecide(ctx: EditorContext, ownerId: string | null): boolean {
  return COORDINATING_ROLES.has(ctx.user.role) || (ownerId !== null && ownerId === ctx.user.id);
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

function unchangedSincePublished(state: DraftState): boolean {
  return (
    state.published !== null && sameJson(normaliseSurvey(state.row.definition), state.published.definition)
  );
}

export async function changeStatus(
  ctx: EditorContext,
  surveyId: string,
  request: { status: "draft" | "in_review"; revision: number },
): Promise<Draft> {
  const state = await loadDraftState(ctx.db, surveyId);
  const { row } = state;
  if (request.revision !== row.revision) throw await staleError(ctx.db, surveyId);
  if (row.status === request.status) return toDraft(ctx.db, row);
  if (row.status === "published" || row.revision === 0 || unchangedSincePublished(state)) {
    throw new ProblemError("draft_unchanged", "Make a change before sending it for review.");
  }
  const moved = await setDraftStatus(
    ctx.db,
    surveyId,
    { revision: row.revision, status: row.status },
    request.status,
  );
  if (!moved) throw await staleError(ctx.db, surveyId);
  await addDraftEvent(ctx.db, {
    surveyId,
    revision: row.revision,
    at: ctx.now,
    actorId: ctx.user.id,
    kind: "status_changed",
    questions: [],
    summary: request.status === "in_review" ? "sent the draft for review" : "took the draft back to editing",
  });
  return toDraft(ctx.db, { ...row, status: request.status });
}

export async function publish(
  ctx: EditorContext,
  surveyId: string,
  request: PublishRequest,
): Promise<{ version: number; draft: Draft }> {
  const state = await loadDraftState(ctx.db, surveyId);
  const { row } = state;
  if (row.status !== "in_review") {
    throw new ProblemError("draft_not_in_review", `The draft is ${row.status.replace("_", " ")}.`);
  }
  if (request.revision !== row.revision) throw await staleError(ctx.db, surveyId);
  const signOffs = (await listSignOffs(ctx.db, surveyId)).filter((s) => s.revision === row.revision);
  const reason = request.reason?.trim() || null;
  if (signOffs.length === 0 && reason === null) {
    throw new ProblemError(
      "signoff_required",
      `No expert has signed off revision ${row.revision}. Ask one to, or record why it is published without.`,
    );
  }
  if (unchangedSincePublished(state)) throw new ProblemError("draft_unchanged");
  // Sanitised again: a draft saved before sanitising existed must not publish its HTML as it was.
  const { definition: sanitised, removals } = sanitiseSurveyHtml(normaliseSurvey(row.definition));
  const blockers = publishBlockers(checkDefinition(sanitised, { outcomeIds: await outcomeIds() }));
  if (blockers.length > 0) {
    throw new ProblemError("survey_json_invalid", "Fix these before publishing.", issuesOf(blockers));
  }
  // Languages (issue 18): each offered one finished and signed off; the others are left out.
  const { definition, notOffered } = await definitionForPublish(ctx.db, surveyId, sanitised);

  // Claim the draft first, so two coordinators pressing "publish" at once make one version, not two.
  const claimed = await setDraftStatus(
    ctx.db,
    surveyId,
    { revision: row.revision, status: "in_review" },
    "published",
  );
  if (!claimed) throw await staleError(ctx.db, surveyId);
  let version: number;
  try {
    const model = createSurveyModel(definition);
    version = await publishVersion(
      ctx.db,
      {
        id: surveyId,
        title: row.title,
        description: row.description,
        definition,
        fields: surveyFields(model),
      },
      ctx.now,
    );
  } catch (error) {
    await setDraftStatus(ctx.db, surveyId, { revision: row.revision, status: "published" }, "in_review");
    throw error;
  }
  const signedOffBy = signOffs.map((s) => s.userId);
  await ctx.db.transaction().execute(async (trx) => {
    await setDraftStatus(trx, surveyId, { revision: row.revision, status: "published" }, "published", {
      baseVersion: version,
      confirmedNameChanges: [],
    });
    await insertPublication(trx, {
      surveyId,
      version,
      publishedBy: ctx.user.id,
      at: ctx.now,
      draftRevision: row.revision,
      reason,
      signedOffBy,
    });
    await updateSurveyCatalogue(trx, surveyId, { title: row.title, description: row.description });
    await addDraftEvent(trx, {
      surveyId,
      revision: row.revision,
      at: ctx.now,
      actorId: ctx.user.id,
      kind: "published",
      questions: [],
      summary: reason
        ? `published version ${version} without sign-off: ${reason}`
        : `published version ${version}`,
    });
  });
  await audit(ctx.db, {
    at: ctx.now,
    actorId: ctx.user.id,
    action: "survey.publish",
    target: `${surveyId}@${version}`,
    detail: {
      revision: row.revision,
      signedOffBy,
      reason,
      ...htmlRemovedDetail(removals),
      ...(notOffered.length > 0 ? { languagesNotOffered: notOffered } : {}),
    },
  });
  return { version, draft: await toDraft(ctx.db, (await loadDraftState(ctx.db, surveyId)).row) };
}

/** For the audit row of a publish whose HTML had to be cut on the way (a draft from before sanitising). */
function htmlRemovedDetail(removals: HtmlRemoval[]): { htmlRemoved?: HtmlRemoval[] } {
  return removals.length > 0 ? { htmlRemoved: removals } : {};
}
