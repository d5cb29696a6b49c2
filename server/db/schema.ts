import type { Generated } from "kysely";

/**
 * The database as the application sees it. Timestamps are ISO-8601 strings in UTC and JSON is
 * stored as text, so that SQLite and PostgreSQL store the same values and compare them the same way.
 */
export interface Database {
  areas: AreasTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  responses: ResponsesTable;
  response_revisions: ResponseRevisionsTable;
  audit_log: AuditLogTable;
}

export interface AreasTable {
  id: string;
  name: string;
  region: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  area_id: string | null;
  password_hash: string | null;
  disabled: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface SetupTokensTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

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

export interface ResponsesTable {
  id: string;
  survey_id: string;
  survey_version: number;
  participant_code: string;
  wave: number;
  area_id: string;
  administration_mode: string;
  started_at: string;
  completed_at: string;
  received_at: string;
  submitted_by: string;
  device_id: string | null;
  data: string;
  content_hash: string;
  review_status: string;
  issues: string;
  revisions: Generated<number>;
}

/** Later content sent under an id already stored: kept for review, never overwriting revision 1. */
export interface ResponseRevisionsTable {
  response_id: string;
  revision: number;
  received_at: string;
  submitted_by: string;
  content_hash: string;
  /** The whole item as sent (envelope and answers). */
  item: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
}
