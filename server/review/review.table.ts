/** One review decision or comment on a response; deleted with the response. */
export interface ReviewEventsTable {
  id: string;
  response_id: string;
  /** 1, 2, 3 … per response: the order of events, which timestamps alone cannot give. */
  seq: number;
  at: string;
  actor_id: string;
  from_status: string;
  /** Equal to from_status for a comment that changed nothing. */
  to_status: string;
  /** The revision whose answers the reviewer made current, if the decision did that. */
  adopted_revision: number | null;
  comment: string | null;
}
