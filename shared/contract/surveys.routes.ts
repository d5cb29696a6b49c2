import { everyone, route } from "./route.ts";
import type { PublishedSurveySummary, SurveyVersion } from "./surveys.ts";

/** Published surveys, for everyone signed in (the tablets keep them for interviews offline). */
export const surveysApi = {
  list: route("GET", "/api/surveys", everyone).answers<{ surveys: PublishedSurveySummary[] }>(),
  /** A published version never changes: answered with a year-long, immutable cache. */
  version: route("GET", "/api/surveys/:id/versions/:version", everyone).answers<SurveyVersion>(),
};
