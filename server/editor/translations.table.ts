/** Translation in the editor (issue 18, decision 0038). */
export interface SurveyLanguagesTable {
  survey_id: string;
  locale: string;
  offered: number;
  updated_by: string | null;
  updated_at: string;
}

export interface SurveyTranslationSourcesTable {
  survey_id: string;
  locale: string;
  string_key: string;
  source: string;
  translated_by: string | null;
  translated_at: string;
}

export interface SurveyLanguageSignoffsTable {
  id: string;
  survey_id: string;
  locale: string;
  revision: number;
  content_hash: string;
  user_id: string;
  note: string;
  created_at: string;
}

export interface UserLanguagesTable {
  user_id: string;
  locale: string;
}
