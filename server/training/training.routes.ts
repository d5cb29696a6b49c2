import type { Hono } from "hono";
import { trainingApi } from "../../shared/contract/training.routes.ts";
import { RecordTrainingRequest, TrainingQuery } from "../../shared/contract/training.schema.ts";
import { addMonths, DEFAULT_REFRESHER_MONTHS } from "../../shared/contract/training.ts";
import { listArea, personInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { today } from "../today.ts";
import { findTraining, insertTraining, listTraining } from "./training.repository.ts";

/** Training records of an area's people (`/api/training`); each person reads their own at `/api/me/training`. */
export function trainingRoutes(api: Hono<AppEnv>): void {
  mount(api, trainingApi.list, { query: TrainingQuery }, async (c, { query }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const records = await listTraining(db, {
      areaId: listArea(user, query.areaId),
      userId: query.userId ?? null,
    });
    return { today: today(now()), records };
  });

  mount(api, trainingApi.record, { body: RecordTrainingRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const person = await personInScope(db, user, body.userId);
    const at = now();
    if (body.completedOn > today(at)) {
      throw new ProblemError("invalid_body", "Training is recorded once it has been completed.", [
        { path: ["completedOn"], message: "Choose today or a day before." },
      ]);
    }
    const expiresOn = body.expiresOn ?? addMonths(body.completedOn, DEFAULT_REFRESHER_MONTHS);
    const id = await db.transaction().execute(async (trx) => {
      const inserted = await insertTraining(trx, {
        userId: person.id,
        kind: body.kind,
        completedOn: body.completedOn,
        expiresOn,
        note: body.note,
        by: user.id,
        at,
      });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "training.record",
        target: inserted,
        detail: { userId: person.id, kind: body.kind, completedOn: body.completedOn, expiresOn },
      });
      return inserted;
    });
    const record = await findTraining(db, id);
    if (!record) throw new Error(`Training record ${id} was stored but cannot be read back.`);
    return record;
  });
}
