import type {
  SafeguardingQueueItem,
  SafeguardingQueueState,
  SafeguardingQueueUrgency,
} from "../../shared/contract/safeguarding-queue.ts";

const STATE_RANK: Record<SafeguardingQueueState, number> = { new: 0, acknowledged: 1, closed: 2 };
const URGENCY_RANK: Record<SafeguardingQueueUrgency, number> = { immediate: 0, today: 1, this_week: 2 };

/**
 * The queue's order: new concerns first, then those being dealt with, then closed ones. Among open
 * ones, those of the areas the reader is the named lead for come first, then the most urgent, then the
 * one waiting longest. Closed ones: the most recently closed first.
 */
export function queueOrder(
  items: SafeguardingQueueItem[],
  leadOf: readonly string[],
): SafeguardingQueueItem[] {
  const led = new Set(leadOf);
  return [...items].sort((a, b) => {
    const byState = STATE_RANK[a.state] - STATE_RANK[b.state];
    if (byState !== 0) return byState;
    if (a.state === "closed") return (b.closedAt ?? "").localeCompare(a.closedAt ?? "");
    const byLead = Number(!led.has(a.areaId)) - Number(!led.has(b.areaId));
    if (byLead !== 0) return byLead;
    const byUrgency = (URGENCY_RANK[a.urgency] ?? 3) - (URGENCY_RANK[b.urgency] ?? 3);
    if (byUrgency !== 0) return byUrgency;
    return a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id);
  });
}
