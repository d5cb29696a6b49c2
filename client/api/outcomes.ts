import type {
  LiveView,
  OutcomeMapResponse,
  OutcomePageResponse,
  SuppressionSettingResponse,
} from "../../shared/contract/index.ts";
import { get, request } from "./http.ts";

export const fetchOutcomeMap = (view: LiveView = "exact") =>
  get<OutcomeMapResponse>(`/api/outcomes/map${view === "released" ? "?view=released" : ""}`);

export const fetchOutcomePage = (outcomeId: string, query: URLSearchParams) => {
  const search = query.toString();
  return get<OutcomePageResponse>(
    `/api/outcomes/${encodeURIComponent(outcomeId)}${search ? `?${search}` : ""}`,
  );
};

export const fetchSuppressionSetting = () => get<SuppressionSettingResponse>("/api/settings/suppression");

export const saveSuppressionSetting = (k: number) =>
  request<SuppressionSettingResponse>("PUT", "/api/settings/suppression", { k });
