/** A survey's one working copy in the co-design editor; `revision` guards against lost updates. */
/** A draft's Easy Read pictures, each once, apart from its text (decision 0051). */
export interface SurveyDraftPicturesTable {
  survey_id: string;
  /** The SHA-256 (hex) of the data URL; the draft's text names the picture by it. */
  picture_key: string;
  data_url: string;
}

export interface SurveyDraftsTable {
  survey_id: string;
  title: string;
  description: string;
  definition: string;
  revision: number;
  /** "draft" | "in_review" | "published" */
  status: string;
  base_version: number | null;
  owner_id: string | null;
  /** JSON array of published data names someone confirmed this draft drops or retypes. */
  confirmed_name_changes: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** Who changed a draft, when, and which questions: the editor's attribution log. */
export interface SurveyDraftEventsTable {
  id: string;
  survey_id: string;
  revision: number;
  at: string;
  actor_id: string | null;
  kind: string;
  /** JSON array of question names. */
  questions: string;
  summary: string;
}

export interface SurveyCommentsTable {
  id: string;
  survey_id: string;
  question: string | null;
  body: string;
  author_id: string;
  created_at: string;
  revision: number;
}

/** A tracked change to a question's wording; "open" until the owner or a coordinator decides. */
export interface SurveySuggestionsTable {
  id: string;
  survey_id: string;
  question: string;
  field: string;
  original: string;
  proposed: string;
  note: string;
  author_id: string;
  created_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface SurveySignoffsTable {
  id: string;
  survey_id: string;
  user_id: string;
  revision: number;
  note: string;
  created_at: string;
}

/** Who published each version from the editor, on whose sign-off or for what reason. */
export interface SurveyPublicationsTable {
  survey_id: string;
  version: number;
  published_by: string | null;
  published_at: string;
  draft_revision: number;
  reason: string | null;
  /** JSON array of user ids. */
  signed_off_by: string;
}
