import { type Context, Hono } from "hono";
import {
  SafeguardingActionRequest,
  type SafeguardingQueueItem,
  SafeguardingQueueQuery,
  type SafeguardingQueueResponse,
} from "../../shared/contract/safeguarding-queue.ts";
import { inScope, listArea } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { acknowledgeConcern, addAction, areasLedBy, findQueueItem, listQueue } from "./queue.repository.ts";
import { queueOrder } from "./queue-order.ts";

/**
 * The safeguarding queue (`/api/safeguarding-queue`): coordinators of the concern's area and
 * administrators acknowledge a concern, record each action taken, and close it with a closing note.
 * Recording an action or closing acknowledges a concern nobody had acknowledged yet. Every step is
 * audited; the concern's words and the actions' text are not copied into the audit log.
 */
export function safeguardingQueueRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/safeguarding-queue"), async (c) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const query = readQuery(c, SafeguardingQueueQuery);
    const areaId = listArea(user, query.areaId);
    const leadOf = await areasLedBy(db, user.id);
    const concerns = await listQueue(db, { areaId, state: query.state ?? "open" });
    return c.json({ concerns: queueOrder(concerns, leadOf), leadOf } satisfies SafeguardingQueueResponse);
  });

  app.post("/:id/acknowledge", allow("POST /api/safeguarding-queue/:id/acknowledge"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const concern = await openConcern(c);
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
    return c.json(await reread(c, concern.id));
  });

  for (const [path, kind] of [
    ["actions", "action"],
    ["close", "closed"],
  ] as const) {
    const key =
      path === "actions"
        ? "POST /api/safeguarding-queue/:id/actions"
        : "POST /api/safeguarding-queue/:id/close";
    app.post(`/:id/${path}`, allow(key), async (c) => {
      const { db, now } = c.get("deps");
      const user = requireUser(c.get("user"));
      const concern = await openConcern(c);
      const { text } = await readJson(c, SafeguardingActionRequest);
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
      return c.json(await reread(c, concern.id));
    });
  }

  return app;
}

/** The concern named by `:id`, in the caller's scope and not closed. Elsewhere counts as not found. */
async function openConcern(c: Context<AppEnv>): Promise<SafeguardingQueueItem> {
  const user = requireUser(c.get("user"));
  const id = c.req.param("id") ?? "";
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
