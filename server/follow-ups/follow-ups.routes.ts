import type { Hono } from "hono";
import { followUpsApi } from "../../shared/contract/follow-ups.routes.ts";
import {
  DueListQuery,
  FollowUpSchedule,
  RescheduleRequest,
} from "../../shared/contract/follow-ups.schema.ts";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { answerWith, mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
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
export function followupsRoutes(api: Hono<AppEnv>): void {
  mount(api, followUpsApi.schedules, {}, async (c) => ({ schedules: await listSchedules(c.get("deps").db) }));

  mount(api, followUpsApi.setSchedule, { body: FollowUpSchedule }, async (c, { params, body: schedule }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const surveyId = SurveyId.safeParse(params.surveyId);
    if (!surveyId.success || !(await surveyExists(db, surveyId.data)))
      throw new ProblemError("survey_not_found");
    await saveSchedule(db, surveyId.data, schedule, user.id, now());
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "followups.schedule",
      target: surveyId.data,
      detail: schedule,
    });
    return { surveyId: surveyId.data, ...schedule, updatedAt: now().toISOString() };
  });

  mount(api, followUpsApi.due, { query: DueListQuery }, async (c, { query }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const areaId = query.areaId ?? user.areaId;
    if (areaId !== null) assertAreaInScope(user, areaId);
    const schedules = await listSchedules(db);
    const scope = { areaId, surveyIds: schedules.map((s) => s.surveyId) };
    const [interviews, reschedules, assignments] = await Promise.all([
      interviewFacts(db, scope),
      rescheduleFacts(db, scope),
      assignmentFacts(db, scope),
    ]);
    // A tablet keeps its last copy for offline use (its service worker); it must always ask first.
    c.header("cache-control", "private, no-cache");
    return {
      generatedAt: now().toISOString(),
      participants: buildDueList(schedules, interviews, reschedules, assignments),
    };
  });

  mount(api, followUpsApi.reschedule, { body: RescheduleRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
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
      return { id: body.id, outcome: "accepted" as const, receivedAt: reschedule.receivedAt };
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
    return answerWith(c, { id: body.id, outcome: "duplicate", receivedAt: stored.received_at }, 200);
  });
}
