/**
 * The coordinator's view of safeguarding concerns raised from tablets: new ones first (most urgent,
 * then oldest), then those being dealt with, then closed ones. Acknowledging says "I have this"; each
 * action taken is kept, with who and when; closing needs a closing note.
 */
export const safeguardingQueueUrgencies = ["immediate", "today", "this_week"] as const;
export type SafeguardingQueueUrgency = (typeof safeguardingQueueUrgencies)[number];

export const safeguardingUrgencyLabels: Record<SafeguardingQueueUrgency, string> = {
  immediate: "Immediate",
  today: "Today",
  this_week: "This week",
};

export type SafeguardingQueueState = "new" | "acknowledged" | "closed";

export interface SafeguardingQueueAction {
  at: string;
  byName: string;
  kind: "acknowledged" | "action" | "closed";
  text: string;
}

export interface SafeguardingQueueItem {
  id: string;
  areaId: string;
  areaName: string;
  raisedByName: string;
  raisedAt: string;
  receivedAt: string;
  participantCode: string | null;
  urgency: SafeguardingQueueUrgency;
  description: string;
  state: SafeguardingQueueState;
  acknowledgedByName: string | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  actions: SafeguardingQueueAction[];
}

export interface SafeguardingQueueResponse {
  concerns: SafeguardingQueueItem[];
  /** The areas whose named safeguarding lead is the caller. */
  leadOf: string[];
}

export interface SafeguardingActionRequest {
  text: string;
}
