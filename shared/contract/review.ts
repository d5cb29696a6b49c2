import { z } from "zod";
import { AreaId } from "./areas.ts";
import { KeysetCursor, PageLimit } from "./keyset.ts";
import type { SurveyField } from "./survey-fields.ts";
import { SurveyId } from "./surveys.ts";
import type { AnswerIssue, SyncItem } from "./sync.ts";

/**
 * Reviewing stored responses. Every response starts `received` (it passed validation) or
 * `needs_review` (it did not, or a different copy arrived later); a coordinator approves or rejects
 * it, with comments, and every change is kept in its history. Rejected responses leave exports.
 */
export const reviewStatuses = ["received", "needs_review", "approved", "rejected"] as const;
export const ReviewStatus = z.enum(reviewStatuses);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  received: "Received",
  needs_review: "Needs review",
  approved: "Approved",
  rejected: "Rejected",
};

/** What a reviewer may set; `received` is only where a response starts. */
export const reviewDecisions = ["approved", "rejected", "needs_review"] as const;
export const ReviewDecision = z.enum(reviewDecisions);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const MAX_REVIEW_COMMENT = 2000;
const Comment = z.string().trim().max(MAX_REVIEW_COMMENT);

export const ReviewListQuery = z.strictObject({
  status: ReviewStatus.default("needs_review"),
  areaId: AreaId.optional(),
  surveyId: SurveyId.optional(),
  cursor: KeysetCursor.optional(),
  limit: PageLimit,
});
export type ReviewListQuery = z.output<typeof ReviewListQuery>;

export interface ReviewListItem {
  id: string;
  surveyId: string;
  surveyTitle: string;
  surveyVersion: number;
  participantCode: string;
  areaId: string;
  areaName: string;
  wave: number;
  completedAt: string;
  receivedAt: string;
  reviewStatus: ReviewStatus;
  issueCount: number;
  /** 1 for a response that arrived once; more when different copies arrived under its id. */
  revisions: number;
}

export interface ReviewListResponse {
  responses: ReviewListItem[];
  /** All matching responses, not only this page. */
  total: number;
  nextCursor: string | null;
}

/** One copy of a response as it arrived. Revision 1 is the first; the current one is what exports use. */
export interface ResponseRevision {
  revision: number;
  current: boolean;
  receivedAt: string;
  submittedBy: string;
  item: SyncItem;
  issues: AnswerIssue[];
  /** Envelope fields (`wave`, `areaId`, …) whose value differs from the current revision's. */
  changedEnvelope: string[];
  /** Questions whose answer differs from the current revision's. */
  changedAnswers: string[];
}

export interface ReviewEvent {
  id: string;
  at: string;
  actor: string;
  fromStatus: ReviewStatus;
  toStatus: ReviewStatus;
  adoptedRevision: number | null;
  comment: string | null;
}

export interface ReviewDetail {
  response: ReviewListItem & {
    administrationMode: string;
    startedAt: string;
    submittedBy: string;
    currentRevision: number;
  };
  /** The questions of the response's survey version, for labels and choice texts. */
  fields: SurveyField[];
  answers: Record<string, unknown>;
  issues: AnswerIssue[];
  /** Every revision when there is more than one; empty otherwise. */
  revisions: ResponseRevision[];
  history: ReviewEvent[];
}

/**
 * What the reviewer saw when deciding. If the response changed since (another decision, another copy
 * from a tablet), the decision is refused with `review_changed` rather than made blind.
 */
export const ReviewSeen = z.strictObject({
  status: ReviewStatus,
  revisions: z.number().int().min(1).max(100_000),
  currentRevision: z.number().int().min(1).max(100_000),
});
export type ReviewSeen = z.infer<typeof ReviewSeen>;

export const ReviewDecisionRequest = z
  .strictObject({
    status: ReviewDecision,
    comment: Comment.optional(),
    /** Make this revision's answers the current ones; the answers they replace are kept. */
    adoptRevision: z.number().int().min(1).max(100_000).optional(),
    seen: ReviewSeen,
  })
  .refine((body) => body.status !== "rejected" || (body.comment ?? "") !== "", {
    path: ["comment"],
    message: "Say why the response is rejected.",
  });
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>;

export const ReviewCommentRequest = z.strictObject({ comment: Comment.min(1, "Write a comment.") });
export type ReviewCommentRequest = z.infer<typeof ReviewCommentRequest>;

/**
 * The area partnership's view of review (docs/decisions/0024-who-sees-what.md): which interviews in
 * their area need attention and which questions are affected, never what was answered. Coordinators may
 * know the people; trusted analysts review the answers themselves.
 */
export const AttentionQuery = z.strictObject({
  areaId: AreaId.optional(),
  cursor: KeysetCursor.optional(),
  limit: PageLimit,
});
export type AttentionQuery = z.output<typeof AttentionQuery>;

export interface AttentionItem {
  id: string;
  surveyTitle: string;
  participantCode: string;
  areaId: string;
  areaName: string;
  wave: number;
  completedAt: string;
  receivedAt: string;
  /** The questions whose answers need checking, by name and wording: no answer, no check message. */
  questions: { name: string; title: string }[];
  /** True when a different copy arrived under the same id (the tablet sent it twice, differently). */
  conflictingCopies: boolean;
}

export interface AttentionResponse {
  items: AttentionItem[];
  total: number;
  nextCursor: string | null;
}
