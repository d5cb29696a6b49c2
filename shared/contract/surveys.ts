/** A survey as listed for fieldwork: its latest published version. */
export interface PublishedSurveySummary {
  id: string;
  title: string;
  description: string;
  version: number;
  publishedAt: string;
}

/** One immutable published version, with the SurveyJS JSON a tablet renders. */
export interface SurveyVersion {
  surveyId: string;
  version: number;
  title: string;
  publishedAt: string;
  definition: Record<string, unknown>;
}
