import { Hono } from "hono";
import {
  DueListQuery,
  type DueListResponse,
  FollowUpSchedule,
  RescheduleRequest,
} from "../../shared/contract/follow-ups.ts";
import { SurveyId } from "../../shared/contract/surveys.ts";
import type { UploadReceipt } from "../../shared/contract/upload-receipt.ts";
import { canonicalParticipantCode } from "../../shared/participant/code.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { surveyExists } from "../surveys/surveys.repository.ts";
import { isWithdrawn } from "../withdrawal/withdrawals.repository.ts";
import { assignmentFacts, interviewFacts, rescheduleFacts } from "./due-list.repository.ts";
import { buildDueList } from "./due-list.ts";
import { findRescheduleRow, insertReschedule } from "./reschedules.repository.ts";
import { listSchedules, saveSchedule } from "./schedules.repository.ts";

/**
 * Follow-up waves: each survey's schedule, the due list a researcher takes into the field (cached on
 * the tablet), and "not today" reschedules from the readiness check.
 */
export function followupsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/schedules", allow("GET /api/followups/schedules"), async (c) => {
    return c.json({ schedules: await listSchedules(c.get("deps").db) });
  });

  app.put("/schedules/:surveyId", allow("PUT /api/followups/schedules/:surveyId"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const surveyId = SurveyId.safeParse(c.req.param("surveyId"));
    if (!surveyId.success || !(await surveyExists(db, surveyId.data)))
      throw new ProblemError("survey_not_found");
    const schedule = await readJson(c, FollowUpSchedule);
    await saveSchedule(db, surveyId.data, schedule, user.id, now());
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "followups.schedule",
      target: surveyId.data,
      detail: schedule,
    });
    return c.json({ surveyId: surveyId.data, ...schedule, updatedAt: now().toISOString() });
  });

  app.get("/due", allow("GET /api/followups/due"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const query = readQuery(c, DueListQuery);
    const areaId = query.areaId ?? user.areaId;
    if (areaId !== null) assertAreaInScope(user, areaId);
    const schedules = await listSchedules(db);
    const scope = { areaId, surveyIds: schedules.map((s) => s.surveyId) };
    const [interviews, reschedules, assignments] = await Promise.all([
      interviewFacts(db, scope),
      rescheduleFacts(db, scope),
      assignmentFacts(db, scope),
    ]);
    const body: DueListResponse = {
      generatedAt: now().toISOString(),
      participants: buildDueList(schedules, interviews, reschedules, assignments),
    };
    // A tablet keeps its last copy for offline use (its service worker); it must always ask first.
    c.header("cache-control", "private, no-cache");
    return c.json(body);
  });

  app.post("/reschedules", allow("POST /api/followups/reschedules"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, RescheduleRequest);
    assertAreaInScope(user, body.areaId);
    const participantCode = canonicalParticipantCode(body.participantCode);
    if (!participantCode)
      throw new ProblemError("invalid_participant_code", "Check the code against the card.");
    if (!(await findArea(db, body.areaId)))
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    if (!(await surveyExists(db, body.surveyId))) throw new ProblemError("survey_not_found");
    if (await isWithdrawn(db, participantCode)) throw new ProblemError("participant_withdrawn");
    const reschedule = {
      ...body,
      participantCode,
      rescheduledAt: new Date(body.rescheduledAt).toISOString(),
      researcherId: user.id,
      receivedAt: now().toISOString(),
    };
    if (await insertReschedule(db, reschedule)) {
      return c.json(
        { id: body.id, outcome: "accepted", receivedAt: reschedule.receivedAt } satisfies UploadReceipt,
        201,
      );
    }
    const stored = await findRescheduleRow(db, body.id);
    const same =
      stored !== undefined &&
      stored.survey_id === reschedule.surveyId &&
      stored.participant_code === participantCode &&
      Number(stored.wave) === reschedule.wave &&
      stored.area_id === reschedule.areaId &&
      stored.rescheduled_at === reschedule.rescheduledAt;
    if (!same) throw new ProblemError("record_conflict", "A different reschedule has this id.");
    return c.json({
      id: body.id,
      outcome: "duplicate",
      receivedAt: stored.received_at,
    } satisfies UploadReceipt);
  });

  return app;
}
