import type { KeysetCursor } from "./keyset.ts";
import type { SurveyField } from "./survey-fields.ts";
import type { AnswerIssue, SyncItem } from "./sync.ts";

/**
 * Reviewing stored responses. Every response starts `received` (it passed validation) or
 * `needs_review` (it did not, or a different copy arrived later); a coordinator approves or rejects
 * it, with comments, and every change is kept in its history. Rejected responses leave exports.
 */
export const reviewStatuses = ["received", "needs_review", "approved", "rejected"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  received: "Received",
  needs_review: "Needs review",
  approved: "Approved",
  rejected: "Rejected",
};

/** What a reviewer may set; `received` is only where a response starts. */
export const reviewDecisions = ["approved", "rejected", "needs_review"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const MAX_REVIEW_COMMENT = 2000;

/** `GET /api/review/responses` query as the server reads it (the cursor parsed, defaults filled in). */
export interface ReviewListQuery {
  /** `needs_review` when not asked. */
  status: ReviewStatus;
  areaId?: string | undefined;
  surveyId?: string | undefined;
  cursor?: KeysetCursor | undefined;
  /** 50 when not asked. */
  limit: number;
}

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
export interface ReviewSeen {
  status: ReviewStatus;
  revisions: number;
  currentRevision: number;
}

/** A rejection says why (`comment`); at most `MAX_REVIEW_COMMENT` characters. */
export interface ReviewDecisionRequest {
  status: ReviewDecision;
  comment?: string | undefined;
  /** Make this revision's answers the current ones; the answers they replace are kept. */
  adoptRevision?: number | undefined;
  seen: ReviewSeen;
}

export interface ReviewCommentRequest {
  comment: string;
}

/**
 * The area partnership's view of review (docs/decisions/0024-who-sees-what.md): which interviews in
 * their area need attention and which questions are affected, never what was answered. Coordinators may
 * know the people; trusted analysts review the answers themselves.
 */
export interface AttentionQuery {
  areaId?: string | undefined;
  cursor?: KeysetCursor | undefined;
  limit: number;
}

export interface AttentionItem {
  id: string;
  surveyTitle: string;
  participantCode: string;
  areaId: string;
  areaName: string;
  wave: number;
  completedAt: string;
  receivedAt: string;
  /**
   * What needs checking, by name and wording: no answer, no check message. Only questions every
   * participant is asked and details of the interview (its date, wave, researcher, language) are named.
   */
  questions: { name: string; title: string }[];
  /**
   * How many other questions need checking: asked only after certain answers, worked out from other
   * answers, or not in the survey. They are not named, as a name could say what was answered.
   */
  unnamedQuestions: number;
  /** True when a different copy arrived under the same id (the tablet sent it twice, differently). */
  conflictingCopies: boolean;
}

export interface AttentionResponse {
  items: AttentionItem[];
  total: number;
  nextCursor: string | null;
}
