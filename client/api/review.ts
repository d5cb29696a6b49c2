import type {
  AttentionResponse,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewDetail,
  ReviewListResponse,
  ReviewStatus,
} from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export function listForReview(query: { status: ReviewStatus; areaId?: string; cursor?: string }) {
  const params = new URLSearchParams({ status: query.status });
  if (query.areaId) params.set("areaId", query.areaId);
  if (query.cursor) params.set("cursor", query.cursor);
  return get<ReviewListResponse>(`/api/review/responses?${params}`);
}

export const fetchReviewDetail = (id: string) =>
  get<ReviewDetail>(`/api/review/responses/${encodeURIComponent(id)}`);

export const decideReview = (id: string, body: ReviewDecisionRequest) =>
  post<ReviewDetail>(`/api/review/responses/${encodeURIComponent(id)}/decision`, body);

export const commentOnReview = (id: string, body: ReviewCommentRequest) =>
  post<ReviewDetail>(`/api/review/responses/${encodeURIComponent(id)}/comments`, body);

/** The area partnership's list: interviews that need attention and which questions, no answers. */
export function listNeedingAttention(cursor?: string) {
  const params = new URLSearchParams();
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return get<AttentionResponse>(`/api/review/attention${search ? `?${search}` : ""}`);
}
