import { type Context, Hono } from "hono";
import {
  CheckDefinitionRequest,
  CommentRequest,
  CreateSurveyRequest,
  type DefinitionCheckResponse,
  type DraftView,
  type EditorComment,
  type EditorSurveysResponse,
  PublishRequest,
  SaveDraftRequest,
  SignOffRequest,
  StatusRequest,
  SuggestionRequest,
  type VersionHistoryResponse,
  type WordingDiffResponse,
} from "../../shared/contract/editor.ts";
import { SurveyId } from "../../shared/contract/surveys.ts";
import { checkDefinition, stripUnknown } from "../../shared/editor/check-definition.ts";
import { emptySurvey } from "../../shared/editor/definition.ts";
import { findQuestion } from "../../shared/editor/suggestion.ts";
import { allElements, dataName, isAnswerable, normaliseSurvey } from "../../shared/editor/survey-json.ts";
import { diffWording } from "../../shared/editor/version-diff.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
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
function versionParam(value: string | undefined, name: string): number | "draft" {
  if (value === "draft") return "draft";
  const n = Number(value);
  if (value === undefined || !/^\d{1,9}$/.test(value) || n < 1) {
    throw new ProblemError("invalid_query", `“${name}” must be a version number or "draft".`);
  }
  return n;
}

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
 * sign off; only coordinators and admins publish (see the policy table). Surveys are national, so
 * there is no area check here; response counts in the history are limited to the caller's area.
 */
export function editorRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const context = (c: Context<AppEnv>): EditorContext => {
    const deps = c.get("deps");
    return { db: deps.db, now: deps.now(), user: requireUser(c.get("user")) };
  };

  app.get("/surveys", allow("GET /api/editor/surveys"), async (c) => {
    const rows = await listEditorSurveys(c.get("deps").db);
    return c.json({
      surveys: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status ?? "published",
        revision: r.revision ?? 0,
        latestVersion: r.latestVersion,
        updatedAt: r.updatedAt,
        openSuggestions: r.openSuggestions,
      })),
    } satisfies EditorSurveysResponse);
  });

  app.post("/surveys", allow("POST /api/editor/surveys"), async (c) => {
    const ctx = context(c);
    const body = await readJson(c, CreateSurveyRequest);
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
    return c.json(await toDraft(ctx.db, row), 201);
  });

  app.post("/check", allow("POST /api/editor/check"), async (c) => {
    const { definition } = await readJson(c, CheckDefinitionRequest);
    const report = checkDefinition(definition, { outcomeIds: await outcomeIds() });
    const stripped = stripUnknown(definition);
    return c.json({
      issues: report.issues,
      questionCount: report.questionCount,
      withoutUnknown: stripped.definition,
      removedByStripping: stripped.removed,
    } satisfies DefinitionCheckResponse);
  });

  app.get("/surveys/:id/draft", allow("GET /api/editor/surveys/:id/draft"), async (c) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(c.req.param("id"));
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
    return c.json({
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
    } satisfies DraftView);
  });

  app.put("/surveys/:id/draft", allow("PUT /api/editor/surveys/:id/draft"), async (c) => {
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, SaveDraftRequest);
    const kind = c.req.query("source") === "import" ? "imported" : "saved";
    // Easy Read pictures come as references and are put back from the stored draft (decision 0043).
    body.definition = await restorePictureReferences(c.get("deps").db, id, body.definition);
    return c.json(await saveDraft(context(c), id, body, kind));
  });

  app.get("/surveys/:id/export", allow("GET /api/editor/surveys/:id/export"), async (c) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(c.req.param("id"));
    const which = versionParam(c.req.query("version") ?? "draft", "version");
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
    return c.json(definition as Record<string, unknown>);
  });

  app.post("/surveys/:id/comments", allow("POST /api/editor/surveys/:id/comments"), async (c) => {
    const ctx = context(c);
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, CommentRequest);
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
    return c.json(
      {
        id: comment.id,
        question: comment.question,
        body: comment.body,
        author: { id: ctx.user.id, name: ctx.user.displayName },
        createdAt: comment.createdAt,
        revision: comment.revision,
      } satisfies EditorComment,
      201,
    );
  });

  app.post("/surveys/:id/suggestions", allow("POST /api/editor/surveys/:id/suggestions"), async (c) => {
    const ctx = context(c);
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, SuggestionRequest);
    const created = await suggest(ctx, id, body);
    const people = await peopleById(ctx.db, [ctx.user.id]);
    return c.json(toSuggestion(created, people), 201);
  });

  app.post(
    "/surveys/:id/suggestions/:suggestionId/accept",
    allow("POST /api/editor/surveys/:id/suggestions/:suggestionId/accept"),
    async (c) => {
      const id = surveyIdParam(c.req.param("id"));
      return c.json(await acceptSuggestion(context(c), id, suggestionIdParam(c.req.param("suggestionId"))));
    },
  );

  app.post(
    "/surveys/:id/suggestions/:suggestionId/decline",
    allow("POST /api/editor/surveys/:id/suggestions/:suggestionId/decline"),
    async (c) => {
      const ctx = context(c);
      const id = surveyIdParam(c.req.param("id"));
      const declined = await declineSuggestion(ctx, id, suggestionIdParam(c.req.param("suggestionId")));
      return c.json(
        toSuggestion(declined, await peopleById(ctx.db, [declined.authorId, declined.decidedBy])),
      );
    },
  );

  app.post("/surveys/:id/status", allow("POST /api/editor/surveys/:id/status"), async (c) => {
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, StatusRequest);
    return c.json(await changeStatus(context(c), id, body));
  });

  app.post("/surveys/:id/signoffs", allow("POST /api/editor/surveys/:id/signoffs"), async (c) => {
    const ctx = context(c);
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, SignOffRequest);
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
    return c.json(
      {
        id: signOff.id,
        expert: { id: ctx.user.id, name: ctx.user.displayName },
        revision: signOff.revision,
        note: signOff.note,
        createdAt: signOff.createdAt,
      },
      created ? 201 : 200,
    );
  });

  app.post("/surveys/:id/publish", allow("POST /api/editor/surveys/:id/publish"), async (c) => {
    const id = surveyIdParam(c.req.param("id"));
    const body = await readJson(c, PublishRequest);
    return c.json(await publish(context(c), id, body), 201);
  });

  app.get("/surveys/:id/versions", allow("GET /api/editor/surveys/:id/versions"), async (c) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = surveyIdParam(c.req.param("id"));
    await loadDraftState(db, id); // 404 for a survey that does not exist
    const versions = await listVersions(db, id, user.areaId);
    const people = await peopleById(
      db,
      versions.flatMap((v) => [v.publishedBy, ...v.signedOffBy]),
    );
    return c.json({
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
    } satisfies VersionHistoryResponse);
  });

  app.get("/surveys/:id/diff", allow("GET /api/editor/surveys/:id/diff"), async (c) => {
    const { db } = c.get("deps");
    const id = surveyIdParam(c.req.param("id"));
    const from = versionParam(c.req.query("from"), "from");
    const to = versionParam(c.req.query("to"), "to");
    const definitionOf = async (which: number | "draft") => {
      if (which === "draft") return (await loadDraftState(db, id)).row.definition;
      const row = await findSurveyVersion(db, id, which);
      if (!row) throw new ProblemError("survey_version_not_found", `Survey "${id}" has no version ${which}.`);
      return JSON.parse(row.definition) as unknown;
    };
    const [before, after] = [await definitionOf(from), await definitionOf(to)];
    return c.json({
      from,
      to,
      items: diffWording(normaliseSurvey(before), normaliseSurvey(after)),
    } satisfies WordingDiffResponse);
  });

  // Translation, languages and Easy Read pictures (issue 18).
  app.route("/", translationRoutes());

  return app;
}
