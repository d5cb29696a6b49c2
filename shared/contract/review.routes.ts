import type {
  AttentionResponse,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewDetail,
  ReviewListResponse,
  ReviewStatus,
} from "./review.ts";
import { route, trustedAnalysts } from "./route.ts";

/**
 * The review queue, for trusted analysts: the data manager (every area) and evaluators (their scope).
 * Reviewing reads a participant's answers (docs/decisions/0024-who-sees-what.md); coordinators get
 * `attention`: which interviews in their area need attention and which questions, without the answers.
 * Lists come a page at a time: `cursor` from the previous page, `limit` up to 100 (50 if not given).
 */
export const reviewApi = {
  list: route("GET", "/api/review/responses", trustedAnalysts)
    .takes<{
      query: { status?: ReviewStatus; areaId?: string; surveyId?: string; cursor?: string; limit?: string };
    }>()
    .answers<ReviewListResponse>(),
  attention: route("GET", "/api/review/attention", ["admin", "coordinator", "evaluator"])
    .takes<{ query: { areaId?: string; cursor?: string; limit?: string } }>()
    .answers<AttentionResponse>(),
  detail: route("GET", "/api/review/responses/:id", trustedAnalysts).answers<ReviewDetail>(),
  decide: route("POST", "/api/review/responses/:id/decision", trustedAnalysts)
    .takes<{ body: ReviewDecisionRequest }>()
    .answers<ReviewDetail>(),
  comment: route("POST", "/api/review/responses/:id/comments", trustedAnalysts, { status: 201 })
    .takes<{ body: ReviewCommentRequest }>()
    .answers<ReviewDetail>(),
};
