import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import { KeysetCursor, PageLimit } from "./keyset.schema.ts";
import {
  type AttentionQuery as Attention,
  type ReviewDecisionRequest as Decision,
  type ReviewListQuery as ListQuery,
  MAX_REVIEW_COMMENT,
  type ReviewCommentRequest as ReviewComment,
  reviewDecisions,
  reviewStatuses,
  type ReviewSeen as Seen,
} from "./review.ts";
import { SurveyId } from "./surveys.schema.ts";

export const ReviewStatus = z.enum(reviewStatuses);
export const ReviewDecision = z.enum(reviewDecisions);

const Comment = z.string().trim().max(MAX_REVIEW_COMMENT);

export const ReviewListQuery = z.strictObject({
  status: ReviewStatus.default("needs_review"),
  areaId: AreaId.optional(),
  surveyId: SurveyId.optional(),
  cursor: KeysetCursor.optional(),
  limit: PageLimit,
}) satisfies z.ZodType<ListQuery>;

/**
 * What the reviewer saw when deciding. If the response changed since (another decision, another copy
 * from a tablet), the decision is refused with `review_changed` rather than made blind.
 */
export const ReviewSeen = z.strictObject({
  status: ReviewStatus,
  revisions: z.number().int().min(1).max(100_000),
  currentRevision: z.number().int().min(1).max(100_000),
}) satisfies z.ZodType<Seen>;

export const ReviewDecisionRequest = z
  .strictObject({
    status: ReviewDecision,
    comment: Comment.optional(),
    adoptRevision: z.number().int().min(1).max(100_000).optional(),
    seen: ReviewSeen,
  })
  .refine((body) => body.status !== "rejected" || (body.comment ?? "") !== "", {
    path: ["comment"],
    message: "Say why the response is rejected.",
  }) satisfies z.ZodType<Decision>;

export const ReviewCommentRequest = z.strictObject({
  comment: Comment.min(1, "Write a comment."),
}) satisfies z.ZodType<ReviewComment>;

export const AttentionQuery = z.strictObject({
  areaId: AreaId.optional(),
  cursor: KeysetCursor.optional(),
  limit: PageLimit,
}) satisfies z.ZodType<Attention>;
