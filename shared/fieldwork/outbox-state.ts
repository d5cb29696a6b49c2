import type { SyncOutcomeKind } from "../contract/sync.ts";

/**
 * The states a queued item passes through on a tablet, as the outbox shows them. "stored",
 * "needs_review" and "conflict" are all safely on the server (the receipt says which); "refused"
 * means the server would not take it, so it stays on the tablet with the reason.
 */
export const outboxStates = [
  "waiting",
  "uploading",
  "stored",
  "needs_review",
  "conflict",
  "refused",
] as const;
export type OutboxState = (typeof outboxStates)[number];

/** What the server answered: a sync outcome, or "refused" for a record it would not take. */
export type ServerAnswer = SyncOutcomeKind | "refused";

export function stateForOutcome(outcome: ServerAnswer): OutboxState {
  switch (outcome) {
    case "accepted":
    case "duplicate":
      return "stored";
    case "needs_review":
      return "needs_review";
    case "conflict":
      return "conflict";
    case "rejected":
    case "refused":
      return "refused";
  }
}

/** On the server, in whatever state of review: the tablet no longer needs the answers. */
export function isOnServer(state: OutboxState): boolean {
  return state === "stored" || state === "needs_review" || state === "conflict";
}
