import { route } from "./route.ts";
import type {
  SafeguardingActionRequest,
  SafeguardingQueueItem,
  SafeguardingQueueResponse,
} from "./safeguarding-queue.ts";

const coordinators = ["admin", "coordinator"] as const;

/**
 * The safeguarding queue: coordinators of the concern's area and administrators acknowledge a concern,
 * record each action taken, and close it with a closing note. Recording an action or closing
 * acknowledges a concern nobody had acknowledged yet. Every step is audited; the concern's words and
 * the actions' text are not copied into the audit log. A closed concern answers `concern_closed`.
 */
export const safeguardingQueueApi = {
  list: route("GET", "/api/safeguarding-queue", coordinators)
    .takes<{ query: { areaId?: string; state?: "open" | "closed" | "all" } }>()
    .answers<SafeguardingQueueResponse>(),
  acknowledge: route(
    "POST",
    "/api/safeguarding-queue/:id/acknowledge",
    coordinators,
  ).answers<SafeguardingQueueItem>(),
  action: route("POST", "/api/safeguarding-queue/:id/actions", coordinators)
    .takes<{ body: SafeguardingActionRequest }>()
    .answers<SafeguardingQueueItem>(),
  close: route("POST", "/api/safeguarding-queue/:id/close", coordinators)
    .takes<{ body: SafeguardingActionRequest }>()
    .answers<SafeguardingQueueItem>(),
};
