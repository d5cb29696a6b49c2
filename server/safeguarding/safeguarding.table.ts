/** Raised from a tablet; never part of a participant's answers. The id is made on the device. */
export interface SafeguardingConcernsTable {
  id: string;
  area_id: string;
  raised_by: string;
  /** When the researcher raised it on the device; `received_at` is when the server got it. */
  raised_at: string;
  received_at: string;
  participant_code: string | null;
  /** "immediate" | "today" | "this_week" */
  urgency: string;
  description: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  action_taken: string | null;
  closed_at: string | null;
}

/** Append-only record of what was done about a safeguarding concern. */
export interface SafeguardingActionsTable {
  id: string;
  concern_id: string;
  /** 1, 2, 3 … per concern: the order of steps, which timestamps alone cannot give. */
  seq: number;
  at: string;
  actor_id: string;
  /** "acknowledged" | "action" | "closed" */
  kind: string;
  text: string;
}
