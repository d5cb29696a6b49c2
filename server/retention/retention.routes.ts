import type { Hono } from "hono";
import { retentionApi } from "../../shared/contract/retention.routes.ts";
import {
  RetentionDeleteRequest,
  RetentionQuery,
  RetentionSettingsRequest,
} from "../../shared/contract/retention.schema.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { deleteResponses, findDue, listDue } from "./retention.repository.ts";
import { retentionCutoff } from "./retention-cutoff.ts";
import { readRetentionMonths, writeRetentionMonths } from "./retention-setting.repository.ts";

/**
 * Retention: an admin sets the period, reviews what is due and deletes it. Admin only, across all
 * areas: it is a decision about the whole data set, not one area's fieldwork.
 */
export function retentionRoutes(api: Hono<AppEnv>): void {
  mount(api, retentionApi.due, { query: RetentionQuery }, async (c, { query }) => {
    const { db, now } = c.get("deps");
    const months = await readRetentionMonths(db);
    if (months === null) return { months, cutoff: null, total: 0, responses: [], nextCursor: null };
    const cutoff = retentionCutoff(now(), months).toISOString();
    const due = await listDue(db, cutoff, query.cursor, query.limit);
    return { months, cutoff, ...due };
  });

  mount(api, retentionApi.setMonths, { body: RetentionSettingsRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { months } = body;
    const at = now();
    await db.transaction().execute(async (trx) => {
      await writeRetentionMonths(trx, months, { userId: user.id, at });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "retention.settings",
        detail: { months },
      });
    });
    return { months };
  });

  mount(api, retentionApi.delete, { body: RetentionDeleteRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { responseIds } = body;
    const at = now();
    const months = await readRetentionMonths(db);
    if (months === null) throw new ProblemError("retention_not_set");
    const cutoff = retentionCutoff(at, months).toISOString();
    const deleted = await db.transaction().execute(async (trx) => {
      const due = await findDue(trx, [...new Set(responseIds)], cutoff);
      await deleteResponses(
        trx,
        due.map((r) => r.id),
      );
      for (const r of due) {
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "retention.delete",
          target: r.id,
          detail: { surveyId: r.survey_id, areaId: r.area_id, receivedAt: r.received_at, months },
        });
      }
      return due.map((r) => r.id);
    });
    const gone = new Set(deleted);
    return { deleted, notDeleted: responseIds.filter((id) => !gone.has(id)) };
  });
}
