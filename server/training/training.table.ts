import type { Generated } from "kysely";

export interface TrainingRecordsTable {
  id: string;
  user_id: string;
  /** "safeguarding" | "distress_protocol" | "interview_practice" */
  kind: string;
  /** YYYY-MM-DD */
  completed_on: string;
  /** YYYY-MM-DD: the refresher is due on this day. */
  expires_on: string;
  note: Generated<string>;
  recorded_by: string;
  recorded_at: string;
}
