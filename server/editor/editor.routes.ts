import type { Context, Hono } from "hono";
import { z } from "zod";
import { editorApi } from "../../shared/contract/editor.routes.ts";
import {
  CheckDefinitionRequest,
  CommentRequest,
  CreateSurveyRequest,
  PublishRequest,
  SaveDraftRequest,
  SignOffRequest,
  StatusRequest,
  SuggestionRequest,
} from "../../shared/contract/editor.schema.ts";
import type { EditorComment } from "../../shared/contract/editor.ts";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { checkDefinition, stripUnknown } from "../../shared/editor/check-definition.ts";
import { emptySurvey } from "../../shared/editor/definition.ts";
import { findQuestion } from "../../shared/editor/suggestion.ts";
import { allElements, dataName, isAnswerable, normaliseSurvey } from "../../shared/editor/survey-json.ts";
import { diffWording } from "../../shared/editor/version-diff.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { answerWith, mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findSurveyVersion } from "../surveys/surveys.repository.ts";
import {
  insertComment,
  insertSignOff,
  listComments,
  listSignOffs,
  listSuggestions,
  type SuggestionRow,
} from "./collaboration.repository.ts";
import { saveDraft } from "./draft-save.service.ts";
import { loadDraftState, staleError, toDraft } from "./draft-state.ts";
import { addDraftEvent, listDraftEvents, listEditorSurveys, writeDraft } from "./drafts.repository.ts";
import { checkForSave, type EditorContext } from "./editor-rules.ts";
import { insertSurvey, listVersions } from "./history.repository.ts";
import { peopleById, person, personOr } from "./people.ts";
import { restorePictureReferences } from "./picture-references.ts";
import { changeStatus, publish } from "./publishing.service.ts";
import { acceptSuggestion, declineSuggestion, suggest } from "./suggestions.service.ts";
import { outcomeIds } from "./theory-of-change-outcomes.ts";
import { translationRoutes } from "./translations.routes.ts";
import { VersionQuery, versionOrDraft } from "./version-query.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The survey id from the path, or 404: a hostile id never reaches a query. */
function surveyIdParam(value: string): string {
  const parsed = SurveyId.safeParse(value);
  if (!parsed.success) throw new ProblemError("survey_not_found");
  return parsed.data;
}

function suggestionIdParam(value: string): string {
  if (!UUID.test(value)) throw new ProblemError("suggestion_not_found");
  return value;
}

/** `?from=2&to=draft`: a version number or the word "draft". */
const SaveDraftQuery = z.object({ source: z.literal("import").optional() });
/** Two versions to compare: a version number or "draft" each. */
const DiffQuery = z.object({ from: versionOrDraft, to: versionOrDraft });

function toSuggestion(s: SuggestionRow, people: Awaited<ReturnType<typeof peopleById>>) {
  return {
    id: s.id,
    question: s.question,
    field: s.field,
    original: s.original,
    proposed: s.proposed,
    note: s.note,
    author: person(people, s.authorId),
    createdAt: s.createdAt,
    status: s.status,
    decidedBy: personOr(people, s.decidedBy),
    decidedAt: s.decidedAt,
  };
}

/**
 * The co-design editor's API, under /api/editor. Experts, coordinators and admins edit; only experts
 * sign off; only coordinators and admins publish (`editorApi` in shared/contract/editor.routes.ts). Surveys are national, so
 * there is no area check here; response counts in the history are limited to the caller's area.
 */
export function editorRoutes(api: Hono<AppEnv>): void {
  const context = (c: Context<AppEnv>): EditorContext => {
    const deps = c.get("deps");
    return { db: deps.db, now: deps.now(), user: requireUser(c.get("user")) };
  };

  mount(api, editorApi.surveys, {}, async (c) => {
    const rows = await listEditorSurveys(c.get("deps").db);
    return {
      surveys: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status ?? "published",
        revision: r.revision ?? 0,
        latestVersion: r.latestVersion,
        updatedAt: r.updatedAt,
        openSuggestions: r.openSuggestions,
      })),
    };
  });

  mount(api, editorApi.create, { body: CreateSurveyRequest }, async (c, { body }) => {
    const ctx = context(c);
    const definition = emptySurvey(body.title);
    const created = await ctx.db.transaction().execute(async (trx) => {
      if (
        !(await insertSurvey(trx, {
          id: body.id,
          title: body.title,
          description: body.description,
          at: ctx.now,
        }))
      ) {
        return false;
      }
      await writeDraft(
        trx,
        body.id,
        { revision: 0, status: "draft" },
        {
          title: body.title,
          description: body.description,
          definition,
          status: "draft",
          baseVersion: null,
          ownerId: ctx.user.id,
          confirmedNameChanges: [],
        },
        ctx.user.id,
        ctx.now,
      );
      await addDraftEvent(trx, {
        surveyId: body.id,
        revision: 1,
        at: ctx.now,
        actorId: ctx.user.id,
        kind: "created",
        questions: [],
        summary: "created the survey",
      });
      return true;
    });
    if (!created) throw new ProblemError("survey_exists", `There is already a survey "${body.id}".`);
    await audit(ctx.db, { at: ctx.now, actorId: ctx.user.id, action: "survey.create", target: body.id });
    const { row } = await loadDraftState(ctx.db, body.id);
    return toDraft(ctx.db, row);
  });

  mount(api, editorApi.check, { body: CheckDefinitionRequest }, async (_c, { body }) => {
    const { definition } = body;
    const report = checkDefinition(definition, { outcomeIds: await outcomeIds() });
    const stripped = stripUnknown(definition);
    return {
      issues: report.issues,
      questionCount: report.questionCount,
      withoutUnknown: stripped.definition,
      removedByStripping: stripped.removed,
    };
  });

  mount(api, editorApi.draft, {}, async (c, { params }) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(params.id);
    const state = await loadDraftState(db, id);
    const [comments, suggestions, signOffs, events] = await Promise.all([
      listComments(db, id),
      listSuggestions(db, id),
      listSignOffs(db, id),
      listDraftEvents(db, id),
    ]);
    const people = await peopleById(db, [
      ...comments.map((x) => x.authorId),
      ...suggestions.flatMap((x) => [x.authorId, x.decidedBy]),
      ...signOffs.map((x) => x.userId),
      ...events.map((x) => x.actorId),
    ]);
    const publishedDataNames = state.published
      ? allElements(state.published.definition)
          .map((v) => v.element)
          .filter(isAnswerable)
          .map(dataName)
      : [];
    return {
      draft: await toDraft(db, state.row),
      comments: comments.map(
        (x): EditorComment => ({
          id: x.id,
          question: x.question,
          body: x.body,
          author: person(people, x.authorId),
          createdAt: x.createdAt,
          revision: x.revision,
        }),
      ),
      suggestions: suggestions.map((s) => toSuggestion(s, people)),
      signOffs: signOffs.map((s) => ({
        id: s.id,
        expert: person(people, s.userId),
        revision: s.revision,
        note: s.note,
        createdAt: s.createdAt,
      })),
      events: events
        .map((e) => ({ ...e, actor: personOr(people, e.actorId) }))
        .map(({ actorId: _a, ...e }) => e),
      publishedDataNames,
      issues: await checkForSave(state.row.definition),
    };
  });

  // `?source=import` marks an import; without it the draft was saved in the editor.
  mount(api, editorApi.saveDraft, { query: SaveDraftQuery, body: SaveDraftRequest }, async (c, input) => {
    const { params, query, body } = input;
    const id = surveyIdParam(params.id);
    const kind = query.source === "import" ? "imported" : "saved";
    // Easy Read pictures come as references and are put back from the stored draft (decision 0043).
    body.definition = await restorePictureReferences(c.get("deps").db, id, body.definition);
    return saveDraft(context(c), id, body, kind);
  });

  mount(api, editorApi.export, { query: VersionQuery }, async (c, { params, query }) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(params.id);
    const which = query.version;
    let definition: unknown;
    let name: string;
    if (which === "draft") {
      const { row } = await loadDraftState(db, id);
      definition = row.definition;
      name = `${id}-draft-r${row.revision}.json`;
    } else {
      const version = await findSurveyVersion(db, id, which);
      if (!version) throw new ProblemError("survey_version_not_found");
      definition = JSON.parse(version.definition);
      name = `${id}-v${which}.json`;
    }
    c.header("content-disposition", `attachment; filename="${name}"`);
    return definition as Record<string, unknown>;
  });

  mount(api, editorApi.comment, { body: CommentRequest }, async (c, { params, body }) => {
    const ctx = context(c);
    const id = surveyIdParam(params.id);
    const { row } = await loadDraftState(ctx.db, id);
    if (body.question !== null && !findQuestion(normaliseSurvey(row.definition), body.question)) {
      throw new ProblemError("question_not_found", `No question "${body.question}" in the draft.`);
    }
    const comment = await insertComment(ctx.db, {
      surveyId: id,
      question: body.question,
      body: body.body,
      authorId: ctx.user.id,
      revision: row.revision,
      at: ctx.now,
    });
    return {
      id: comment.id,
      question: comment.question,
      body: comment.body,
      author: { id: ctx.user.id, name: ctx.user.displayName },
      createdAt: comment.createdAt,
      revision: comment.revision,
    } satisfies EditorComment;
  });

  mount(api, editorApi.suggest, { body: SuggestionRequest }, async (c, { params, body }) => {
    const ctx = context(c);
    const id = surveyIdParam(params.id);
    const created = await suggest(ctx, id, body);
    const people = await peopleById(ctx.db, [ctx.user.id]);
    return toSuggestion(created, people);
  });

  mount(api, editorApi.acceptSuggestion, {}, async (c, { params }) => {
    const id = surveyIdParam(params.id);
    return acceptSuggestion(context(c), id, suggestionIdParam(params.suggestionId));
  });

  mount(api, editorApi.declineSuggestion, {}, async (c, { params }) => {
    const ctx = context(c);
    const id = surveyIdParam(params.id);
    const declined = await declineSuggestion(ctx, id, suggestionIdParam(params.suggestionId));
    return toSuggestion(declined, await peopleById(ctx.db, [declined.authorId, declined.decidedBy]));
  });

  mount(api, editorApi.status, { body: StatusRequest }, async (c, { params, body }) => {
    const id = surveyIdParam(params.id);
    return changeStatus(context(c), id, body);
  });

  mount(api, editorApi.signOff, { body: SignOffRequest }, async (c, { params, body }) => {
    const ctx = context(c);
    const id = surveyIdParam(params.id);
    const { row } = await loadDraftState(ctx.db, id);
    if (row.status !== "in_review") throw new ProblemError("draft_not_in_review");
    if (body.revision !== row.revision) throw await staleError(ctx.db, id);
    const { row: signOff, created } = await insertSignOff(ctx.db, {
      surveyId: id,
      userId: ctx.user.id,
      revision: row.revision,
      note: body.note ?? "",
      at: ctx.now,
    });
    const answer = {
      id: signOff.id,
      expert: { id: ctx.user.id, name: ctx.user.displayName },
      revision: signOff.revision,
      note: signOff.note,
      createdAt: signOff.createdAt,
    };
    return created ? answer : answerWith(c, answer, 200);
  });

  mount(api, editorApi.publish, { body: PublishRequest }, async (c, { params, body }) => {
    const id = surveyIdParam(params.id);
    return publish(context(c), id, body);
  });

  mount(api, editorApi.versions, {}, async (c, { params }) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(params.id);
    await loadDraftState(db, id); // 404 for a survey that does not exist
    const versions = await listVersions(db, id, user.areaId);
    const people = await peopleById(
      db,
      versions.flatMap((v) => [v.publishedBy, ...v.signedOffBy]),
    );
    return {
      surveyId: id,
      versions: versions.map((v) => ({
        version: v.version,
        title: v.title,
        publishedAt: v.publishedAt,
        publishedBy: personOr(people, v.publishedBy),
        reason: v.reason,
        signedOffBy: v.signedOffBy.map((u) => person(people, u)),
        responses: v.responses,
      })),
    };
  });

  mount(api, editorApi.diff, { query: DiffQuery }, async (c, { params, query }) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(params.id);
    const { from, to } = query;
    const definitionOf = async (which: number | "draft") => {
      if (which === "draft") return (await loadDraftState(db, id)).row.definition;
      const row = await findSurveyVersion(db, id, which);
      if (!row) throw new ProblemError("survey_version_not_found", `Survey "${id}" has no version ${which}.`);
      return JSON.parse(row.definition) as unknown;
    };
    const [before, after] = [await definitionOf(from), await definitionOf(to)];
    return { from, to, items: diffWording(normaliseSurvey(before), normaliseSurvey(after)) };
  });

  // Translation, languages and Easy Read pictures (issue 18).
  translationRoutes(api);
}
