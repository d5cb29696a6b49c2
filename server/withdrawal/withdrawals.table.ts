import type { Generated } from "kysely";

/** A participant who has withdrawn: the code and their choice, nothing else. */
export interface WithdrawalsTable {
  participant_code: string;
  /** "delete_all" | "keep_given" */
  choice: string;
  area_id: string | null;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  responses_deleted: Generated<number>;
}
