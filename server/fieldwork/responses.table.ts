import type { Generated } from "kysely";

/** The area a participant code first arrived in; an upload cannot move it (decision 0025). */
export interface ParticipantsTable {
  participant_code: string;
  area_id: string;
  first_seen_at: string;
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
  /** How the interview ended: "completed" | "declined" | "stopped" (docs/decisions, interview endings). */
  ending: Generated<string>;
  /** The locale the participant was interviewed in; null only from an instance older than the column. */
  language: string | null;
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
