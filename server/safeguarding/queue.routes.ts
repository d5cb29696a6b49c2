import type { Context, Hono } from "hono";
import { safeguardingQueueApi } from "../../shared/contract/safeguarding-queue.routes.ts";
import {
  SafeguardingActionRequest,
  SafeguardingQueueQuery,
} from "../../shared/contract/safeguarding-queue.schema.ts";
import type { SafeguardingQueueItem } from "../../shared/contract/safeguarding-queue.ts";
import { inScope, listArea } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { acknowledgeConcern, addAction, areasLedBy, findQueueItem, listQueue } from "./queue.repository.ts";
import { queueOrder } from "./queue-order.ts";

/**
 * The safeguarding queue (`/api/safeguarding-queue`): coordinators of the concern's area and
 * administrators acknowledge a concern, record each action taken, and close it with a closing note.
 * Recording an action or closing acknowledges a concern nobody had acknowledged yet. Every step is
 * audited; the concern's words and the actions' text are not copied into the audit log.
 */
export function safeguardingQueueRoutes(api: Hono<AppEnv>): void {
  mount(api, safeguardingQueueApi.list, { query: SafeguardingQueueQuery }, async (c, { query }) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const areaId = listArea(user, query.areaId);
    const leadOf = await areasLedBy(db, user.id);
    const concerns = await listQueue(db, { areaId, state: query.state ?? "open" });
    return { concerns: queueOrder(concerns, leadOf), leadOf };
  });

  mount(api, safeguardingQueueApi.acknowledge, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const concern = await openConcern(c, params.id);
    const at = now();
    await db.transaction().execute(async (trx) => {
      if (await acknowledgeConcern(trx, concern.id, user.id, at)) {
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "safeguarding.acknowledge",
          target: concern.id,
          detail: { areaId: concern.areaId },
        });
      }
    });
    return reread(c, concern.id);
  });

  for (const [route, kind] of [
    [safeguardingQueueApi.action, "action"],
    [safeguardingQueueApi.close, "closed"],
  ] as const) {
    mount(api, route, { body: SafeguardingActionRequest }, async (c, { params, body }) => {
      const { db, now } = c.get("deps");
      const user = requireUser(c.get("user"));
      const concern = await openConcern(c, params.id);
      const { text } = body;
      const at = now();
      await db.transaction().execute(async (trx) => {
        const acknowledged = await acknowledgeConcern(trx, concern.id, user.id, at);
        await addAction(trx, { concernId: concern.id, by: user.id, at, kind, text });
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: kind === "closed" ? "safeguarding.close" : "safeguarding.action",
          target: concern.id,
          detail: { areaId: concern.areaId, acknowledgedNow: acknowledged },
        });
      });
      return reread(c, concern.id);
    });
  }
}

/** The concern named by `:id`, in the caller's scope and not closed. Elsewhere counts as not found. */
async function openConcern(c: Context<AppEnv>, id: string): Promise<SafeguardingQueueItem> {
  const user = requireUser(c.get("user"));
  const concern = id.length <= 64 ? await findQueueItem(c.get("deps").db, id) : undefined;
  if (!concern || !inScope(user, concern.areaId)) throw new ProblemError("concern_not_found");
  if (concern.state === "closed")
    throw new ProblemError("concern_closed", `It was closed on ${concern.closedAt?.slice(0, 10)}.`);
  return concern;
}

async function reread(c: Context<AppEnv>, id: string): Promise<SafeguardingQueueItem> {
  const item = await findQueueItem(c.get("deps").db, id);
  if (!item) throw new ProblemError("concern_not_found");
  return item;
}
