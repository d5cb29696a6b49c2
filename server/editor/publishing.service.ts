import type { Draft, PublishRequest } from "../../shared/contract/editor.ts";
import { checkDefinition, publishBlockers } from "../../shared/editor/check-definition.ts";
import { normaliseSurvey, sameJson } from "../../shared/editor/survey-json.ts";
import { type HtmlRemoval, sanitiseSurveyHtml } from "../../shared/html/sanitise-survey.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { audit } from "../audit/audit.repository.ts";
import { ProblemError } from "../http/problem.ts";
import { publishVersion } from "../surveys/surveys.repository.ts";
import { listSignOffs } from "./collaboration.repository.ts";
import { type DraftState, loadDraftState, staleError, toDraft } from "./draft-state.ts";
import { addDraftEvent, setDraftStatus } from "./drafts.repository.ts";
import { type EditorContext, issuesOf } from "./editor-rules.ts";
import { insertPublication, updateSurveyCatalogue } from "./history.repository.ts";
import { definitionForPublish } from "./language-states.ts";
import { outcomeIds } from "./theory-of-change-outcomes.ts";

/**
 * Draft → in review → published. A draft goes for review only once it differs from what was
 * published; publishing needs an expert's sign-off on that revision (or a recorded reason), passes
 * the publish checks, and makes exactly one immutable version even when two people press at once.
 */
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
    // In the same transaction as the publication it records: a crash cannot leave one without the other.
    await audit(trx, {
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
  });
  return { version, draft: await toDraft(ctx.db, (await loadDraftState(ctx.db, surveyId)).row) };
}

/** For the audit row of a publish whose HTML had to be cut on the way (a draft from before sanitising). */
function htmlRemovedDetail(removals: HtmlRemoval[]): { htmlRemoved?: HtmlRemoval[] } {
  return removals.length > 0 ? { htmlRemoved: removals } : {};
}
