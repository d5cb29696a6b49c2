import { surveysApi } from "../../shared/contract/surveys.routes.ts";
import { call } from "./call.ts";

/** The published surveys: the loader eight pages share. */
export const listPublishedSurveys = async () => (await call(surveysApi.list)).surveys;

export const fetchSurveyVersion = (surveyId: string, version: number) =>
  call(surveysApi.version, { params: { id: surveyId, version: String(version) } });
