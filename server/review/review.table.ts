/** One review decision or comment on a response; deleted with the response. */
export interface ReviewEventsTable {
  id: string;
  response_id: string;
  /** 1, 2, 3 … per response: the order of events, which timestamps alone cannot give. */
  seq: number;
  at: string;
  actor_id: string;
  /**
   * The author's role when they wrote this (migration 2026-12-07-10): who may read the comment follows
   * it, not the account's role today (docs/decisions/0065 §2). Null only for a moment: a row inserted
   * without it (by an older release) is filled in by a trigger.
   */
  actor_role: string | null;
  from_status: string;
  /** Equal to from_status for a comment that changed nothing. */
  to_status: string;
  /** The revision whose answers the reviewer made current, if the decision did that. */
  adopted_revision: number | null;
  comment: string | null;
}
