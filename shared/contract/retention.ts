import type { ReviewStatus } from "./review.ts";

/**
 * Responses are not kept for ever. An admin sets how many months after arrival a response becomes
 * due for a deletion review, looks at the list of those due, and deletes them (each deletion audited).
 * Nothing is deleted automatically.
 */
export const MAX_RETENTION_MONTHS = 1200;

export interface RetentionSettingsRequest {
  /** Null: no retention period. */
  months: number | null;
}

export interface RetentionItem {
  id: string;
  surveyId: string;
  surveyTitle: string;
  participantCode: string;
  areaId: string;
  areaName: string;
  wave: number;
  receivedAt: string;
  reviewStatus: ReviewStatus;
}

export interface RetentionResponse {
  /** Null when no retention period is set. */
  months: number | null;
  /** Responses received before this moment are due; null when no period is set. */
  cutoff: string | null;
  total: number;
  responses: RetentionItem[];
  nextCursor: string | null;
}

export const MAX_RETENTION_DELETIONS = 100;

export interface RetentionDeleteRequest {
  responseIds: string[];
}

export interface RetentionDeleteResponse {
  deleted: string[];
  /** Ids that were not deleted: not due, or already gone. */
  notDeleted: string[];
}
