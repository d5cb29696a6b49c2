import type { Hono } from "hono";
import { debriefsApi } from "../../shared/contract/debriefs.routes.ts";
import { SubmitDebriefRequest } from "../../shared/contract/debriefs.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { answerWith, mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findDebriefRow, insertDebrief } from "./debriefs.repository.ts";

/**
 * `POST /api/debriefs`: a researcher's debrief, queued on the tablet after an interview and sent when
 * it is online. It is the signed-in researcher's own: the tablet sends a debrief only under its
 * author's session, and a resend under anyone else's is a conflict, never a change of author.
 * Reading debriefs (the researcher's own, and their coordinator's view) is beside this, in this folder.
 */
export function debriefsRoutes(api: Hono<AppEnv>): void {
  mount(api, debriefsApi.submit, { body: SubmitDebriefRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    assertAreaInScope(user, body.areaId);
    if (!(await findArea(db, body.areaId)))
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    const debrief = { ...body, createdAt: new Date(body.createdAt).toISOString(), researcherId: user.id };
    const receivedAt = now().toISOString();
    if (await insertDebrief(db, debrief)) {
      return { id: debrief.id, outcome: "accepted" as const, receivedAt };
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
    return answerWith(c, { id: debrief.id, outcome: "duplicate", receivedAt }, 200);
  });
}
