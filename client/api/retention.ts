import type {
  RetentionDeleteResponse,
  RetentionResponse,
  RetentionSettingsRequest,
} from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export const fetchRetention = (cursor?: string) =>
  get<RetentionResponse>(`/api/retention${cursor ? `?${new URLSearchParams({ cursor })}` : ""}`);

export const saveRetentionMonths = (body: RetentionSettingsRequest) =>
  post<RetentionSettingsRequest>("/api/retention/settings", body);

export const deleteDueResponses = (responseIds: string[]) =>
  post<RetentionDeleteResponse>("/api/retention/deletions", { responseIds });
