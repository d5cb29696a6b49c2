import { Hono } from "hono";
import { SubmitDebriefRequest } from "../../shared/contract/debriefs.schema.ts";
import type { UploadReceipt } from "../../shared/contract/upload-receipt.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { findDebriefRow, insertDebrief } from "./debriefs.repository.ts";

/**
 * `POST /api/debriefs`: a researcher's debrief, queued on the tablet after an interview and sent when
 * it is online. It is the signed-in researcher's own: the tablet sends a debrief only under its
 * author's session, and a resend under anyone else's is a conflict, never a change of author.
 * Reading debriefs (the researcher's own, and their coordinator's view) is beside this, in this folder.
 */
export function debriefsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", allow("POST /api/debriefs"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, SubmitDebriefRequest);
    assertAreaInScope(user, body.areaId);
    if (!(await findArea(db, body.areaId)))
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    const debrief = { ...body, createdAt: new Date(body.createdAt).toISOString(), researcherId: user.id };
    const receivedAt = now().toISOString();
    if (await insertDebrief(db, debrief)) {
      return c.json({ id: debrief.id, outcome: "accepted", receivedAt } satisfies UploadReceipt, 201);
    }
    const stored = await findDebriefRow(db, debrief.id);
    const same =
      stored !== undefined &&
      stored.researcher_id === user.id &&
      stored.area_id === debrief.areaId &&
      stored.created_at === debrief.createdAt &&
      Number(stored.wellbeing) === debrief.wellbeing &&
      stored.notes === debrief.notes &&
      Number(stored.wants_support) === (debrief.wantsSupport ? 1 : 0);
    if (!same) throw new ProblemError("record_conflict", "A different debrief has this id.");
    return c.json({ id: debrief.id, outcome: "duplicate", receivedAt } satisfies UploadReceipt);
  });

  return app;
}
