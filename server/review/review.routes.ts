import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  AttentionQuery,
  type AttentionResponse,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewListQuery,
  type ReviewListResponse,
} from "../../shared/contract/review.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { needsAttention } from "./attention.ts";
import { listForReview } from "./review.repository.ts";
import { comment, decide, type ReviewContext, reviewDetail } from "./review.service.ts";

const ResponseId = z.uuid();

/**
 * The review queue for trusted analysts: the data manager (every area) and evaluators (their scope).
 * Reviewing reads a participant's answers, so it moved from coordinators to the analysts
 * (docs/decisions/0024-who-sees-what.md); coordinators get `/attention`: which interviews in their area
 * need attention and which questions are affected, without the answers.
 */
export function reviewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const context = (c: Context<AppEnv>): ReviewContext => {
    const deps = c.get("deps");
    return {
      db: deps.db,
      validators: deps.validators,
      user: requireUser(c.get("user")),
      now: deps.now(),
      origin: requestOrigin(c),
    };
  };
  const responseId = (value: string): string => {
    if (!ResponseId.safeParse(value).success) throw new ProblemError("response_not_found");
    return value;
  };

  app.get("/responses", allow("GET /api/review/responses"), async (c) => {
    const user = requireUser(c.get("user"));
    const query = readQuery(c, ReviewListQuery);
    if (query.areaId !== undefined) assertAreaInScope(user, query.areaId);
    const page = await listForReview(c.get("deps").db, { ...query, scopeAreaId: user.areaId });
    return c.json(page satisfies ReviewListResponse);
  });

  app.get("/attention", allow("GET /api/review/attention"), async (c) => {
    const user = requireUser(c.get("user"));
    const query = readQuery(c, AttentionQuery);
    if (query.areaId !== undefined) assertAreaInScope(user, query.areaId);
    const page = await needsAttention(c.get("deps").db, { ...query, scopeAreaId: user.areaId });
    return c.json(page satisfies AttentionResponse);
  });

  app.get("/responses/:id", allow("GET /api/review/responses/:id"), async (c) => {
    return c.json(await reviewDetail(context(c), responseId(c.req.param("id"))));
  });

  app.post("/responses/:id/decision", allow("POST /api/review/responses/:id/decision"), async (c) => {
    const ctx = context(c);
    const id = responseId(c.req.param("id"));
    await decide(ctx, id, await readJson(c, ReviewDecisionRequest));
    return c.json(await reviewDetail(ctx, id));
  });

  app.post("/responses/:id/comments", allow("POST /api/review/responses/:id/comments"), async (c) => {
    const ctx = context(c);
    const id = responseId(c.req.param("id"));
    await comment(ctx, id, await readJson(c, ReviewCommentRequest));
    return c.json(await reviewDetail(ctx, id), 201);
  });

  return app;
}
