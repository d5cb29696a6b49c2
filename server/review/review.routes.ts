import type { Context, Hono } from "hono";
import { z } from "zod";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import {
  AttentionQuery,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewListQuery,
} from "../../shared/contract/review.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
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
export function reviewRoutes(api: Hono<AppEnv>): void {
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

  mount(api, reviewApi.list, { query: ReviewListQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    if (query.areaId !== undefined) assertAreaInScope(user, query.areaId);
    return listForReview(c.get("deps").db, { ...query, scopeAreaId: user.areaId });
  });

  mount(api, reviewApi.attention, { query: AttentionQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    if (query.areaId !== undefined) assertAreaInScope(user, query.areaId);
    return needsAttention(c.get("deps").db, { ...query, scopeAreaId: user.areaId });
  });

  mount(api, reviewApi.detail, {}, async (c, { params }) => reviewDetail(context(c), responseId(params.id)));

  mount(api, reviewApi.decide, { body: ReviewDecisionRequest }, async (c, { params, body }) => {
    const ctx = context(c);
    const id = responseId(params.id);
    await decide(ctx, id, body);
    return reviewDetail(ctx, id);
  });

  mount(api, reviewApi.comment, { body: ReviewCommentRequest }, async (c, { params, body }) => {
    const ctx = context(c);
    const id = responseId(params.id);
    await comment(ctx, id, body);
    return reviewDetail(ctx, id);
  });
}
