export interface SurveysTable {
  id: string;
  title: string;
  description: string;
  created_at: string;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  title: string;
  /** The SurveyJS JSON exactly as published: never updated after insert. */
  definition: string;
  /** The answerable fields, flattened once at publish for exports and statistics. */
  fields: string;
  published_at: string;
}
