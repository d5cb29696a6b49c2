import { describe, expect, it } from "vitest";
import { queueOrder } from "../../../server/safeguarding/queue-order.ts";
import type { SafeguardingQueueItem } from "../../../shared/contract/safeguarding-queue.ts";

function item(id: string, over: Partial<SafeguardingQueueItem>): SafeguardingQueueItem {
  return {
    id,
    areaId: "north",
    areaName: "Northtown",
    raisedByName: "Sam",
    raisedAt: "2026-11-26T09:00:00.000Z",
    receivedAt: "2026-11-26T09:05:00.000Z",
    participantCode: null,
    urgency: "today",
    description: "",
    state: "new",
    acknowledgedByName: null,
    acknowledgedAt: null,
    closedAt: null,
    actions: [],
    ...over,
  };
}

describe("the safeguarding queue's order", () => {
  it("puts new before acknowledged before closed, the lead's own areas first, then urgency, then the longest waiting", () => {
    const items = [
      item("closed-late", { state: "closed", closedAt: "2026-11-26T10:00:00.000Z" }),
      item("closed-early", { state: "closed", closedAt: "2026-11-20T10:00:00.000Z" }),
      item("acknowledged", { state: "acknowledged", urgency: "immediate" }),
      item("south-immediate", {
        areaId: "south",
        urgency: "immediate",
        raisedAt: "2026-11-26T08:00:00.000Z",
      }),
      item("north-week-old", { urgency: "this_week", raisedAt: "2026-11-19T09:00:00.000Z" }),
      item("north-week-new", { urgency: "this_week", raisedAt: "2026-11-25T09:00:00.000Z" }),
      item("north-immediate", { urgency: "immediate" }),
    ];
    expect(queueOrder(items, ["north"]).map((i) => i.id)).toEqual([
      "north-immediate",
      "north-week-old",
      "north-week-new",
      "south-immediate",
      "acknowledged",
      "closed-late",
      "closed-early",
    ]);
    // Someone who leads no area sees urgency first across areas.
    expect(
      queueOrder(items, [])
        .map((i) => i.id)
        .slice(0, 2),
    ).toEqual(["south-immediate", "north-immediate"]);
  });
});
