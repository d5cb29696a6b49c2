import type { Context, Hono } from "hono";
import { assignmentsApi } from "../../shared/contract/assignments.routes.ts";
import {
  AssignmentsQuery,
  SetAssignmentRequest,
  SetAssignmentStatusRequest,
} from "../../shared/contract/assignments.schema.ts";
import type { Assignment, AssignmentStatus, AssignmentsResponse } from "../../shared/contract/assignments.ts";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import { assertAreaInScope, inScope, listArea } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { answerWith, mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { surveyExists } from "../surveys/surveys.repository.ts";
import { today } from "../today.ts";
import { findUserById } from "../users/users.repository.ts";
import { isWithdrawn } from "../withdrawal/withdrawals.repository.ts";
import { findAssignment, setAssignment, setAssignmentStatus } from "./assignments.repository.ts";
import { type AssignmentRow, loadAssignments } from "./follow-ups.repository.ts";
import { type FollowUp, loadFollowUps } from "./follow-ups.ts";

/** Who does follow-up interviews: peer researchers and coordinators of the participant's area. */
const ASSIGNABLE_ROLES = ["peer_researcher", "coordinator"];

/**
 * Assigning participants' follow-ups to researchers. A coordinator assigns within their area; a
 * researcher sees their own (`GET /api/me/assignments`) and can mark one declined when the participant
 * says no.
 */
export function assignmentsRoutes(api: Hono<AppEnv>): void {
  mount(api, assignmentsApi.list, { query: AssignmentsQuery }, async (c, { query }) => {
    const { now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const areaId = listArea(user, query.areaId);
    return assignmentList(c, { areaId, surveyId: null, researcherId: query.researcherId }, today(now()));
  });

  mount(api, assignmentsApi.set, { body: SetAssignmentRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    assertAreaInScope(user, body.areaId);
    if (!(await findArea(db, body.areaId)))
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    if (!(await surveyExists(db, body.surveyId)))
      throw new ProblemError("survey_not_found", `No survey "${body.surveyId}".`);
    const researcher = body.researcherId.length <= 64 ? await findUserById(db, body.researcherId) : undefined;
    if (
      !researcher ||
      !ASSIGNABLE_ROLES.includes(researcher.role) ||
      researcher.area_id !== body.areaId ||
      Number(researcher.disabled) === 1
    ) {
      const message = "Choose an active peer researcher or coordinator of the participant's area.";
      throw new ProblemError("person_not_eligible", message, [{ path: ["researcherId"], message }]);
    }
    const code = canonicalParticipantCode(body.participantCode);
    if (!code) throw new ProblemError("invalid_participant_code");
    if (await isWithdrawn(db, code)) {
      throw new ProblemError("participant_withdrawn", "A participant who has withdrawn is not followed up.");
    }
    const at = now();
    const result = await db.transaction().execute(async (trx) => {
      const existing = await findAssignment(trx, {
        participantCode: code,
        surveyId: body.surveyId,
        wave: body.wave,
      });
      if (existing && !inScope(user, existing.areaId)) {
        throw new ProblemError("forbidden_area", "This follow-up is assigned in another area.");
      }
      const id = await setAssignment(trx, {
        existingId: existing?.id,
        participantCode: code,
        surveyId: body.surveyId,
        wave: body.wave,
        areaId: body.areaId,
        researcherId: researcher.id,
        dueOn: body.dueOn,
        assignedBy: user.id,
        at,
      });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "assignment.set",
        target: id,
        detail: {
          surveyId: body.surveyId,
          wave: body.wave,
          areaId: body.areaId,
          researcherId: researcher.id,
          dueOn: body.dueOn,
          from: existing ? { researcherId: existing.researcherId, dueOn: existing.dueOn } : null,
        },
      });
      return { id, created: !existing };
    });
    const assignment = await oneAssignment(c, result.id);
    return result.created ? assignment : answerWith(c, assignment, 200);
  });

  mount(api, assignmentsApi.setStatus, { body: SetAssignmentStatusRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = params.id;
    const existing = id.length <= 64 ? await findAssignment(db, { id }) : undefined;
    const mayChange =
      existing !== undefined &&
      (user.role === "peer_researcher" ? existing.researcherId === user.id : inScope(user, existing.areaId));
    if (!existing || !mayChange) throw new ProblemError("assignment_not_found");
    const { status } = body;
    if (existing.status !== status) {
      const at = now();
      await db.transaction().execute(async (trx) => {
        await setAssignmentStatus(trx, existing.id, status satisfies AssignmentStatus, at);
        await audit(trx, {
          ...requestOrigin(c),
          at,
          actorId: user.id,
          action: "assignment.status",
          target: existing.id,
          detail: { from: existing.status, to: status },
        });
      });
    }
    return oneAssignment(c, existing.id);
  });
}

/** Assignments with their state today, from the same follow-up facts the progress counts use. */
export async function assignmentList(
  c: Context<AppEnv>,
  filter: { areaId: string | null; surveyId: string | null; researcherId?: string | undefined },
  day: string,
): Promise<AssignmentsResponse> {
  const db = c.get("deps").db;
  const followUps = await loadFollowUps(db, { areaId: filter.areaId, surveyId: filter.surveyId }, day);
  const byAssignment = new Map<string, FollowUp>();
  for (const f of followUps) if (f.assignment) byAssignment.set(f.assignment.id, f);
  const rows = await loadAssignments(db, filter);
  return { today: day, assignments: rows.map((row) => toAssignment(row, byAssignment.get(row.id))) };
}

function toAssignment(row: AssignmentRow, followUp: FollowUp | undefined): Assignment {
  return {
    id: row.id,
    participantCode: row.participantCode,
    surveyId: row.surveyId,
    wave: row.wave,
    areaId: row.areaId,
    researcherId: row.researcherId,
    researcherName: row.researcherName,
    dueOn: row.dueOn,
    closesOn: followUp?.window?.closesOn ?? row.dueOn,
    status: row.status === "declined" ? "declined" : "open",
    state: followUp?.state ?? (row.status === "declined" ? "declined" : "due"),
    assignedAt: row.assignedAt,
    assignedByName: row.assignedByName,
  };
}

async function oneAssignment(c: Context<AppEnv>, id: string): Promise<Assignment> {
  const db = c.get("deps").db;
  const row = await findAssignment(db, { id });
  if (!row) throw new ProblemError("assignment_not_found");
  const day = today(c.get("deps").now());
  const { assignments } = await assignmentList(c, { areaId: row.areaId, surveyId: row.surveyId }, day);
  const found = assignments.find((a) => a.id === id);
  if (!found) throw new ProblemError("assignment_not_found");
  return found;
}
