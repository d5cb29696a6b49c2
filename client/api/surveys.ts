import type { PublishedSurveySummary, SurveyVersion } from "../../shared/contract/index.ts";
import { get } from "./http.ts";

export const listPublishedSurveys = async () =>
  (await get<{ surveys: PublishedSurveySummary[] }>("/api/surveys")).surveys;

export const fetchSurveyVersion = (surveyId: string, version: number) =>
  get<SurveyVersion>(`/api/surveys/${encodeURIComponent(surveyId)}/versions/${version}`);
