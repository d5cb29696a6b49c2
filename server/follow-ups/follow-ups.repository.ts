import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/**
 * The facts that say where follow-ups stand, loaded for one area (or all) and one survey (or all).
 * Rejected interviews count for nothing. What a scoped coordinator's view loads is everything about
 * the participants of their area: baselines, assignments and the interviews of those participants.
 */
export interface FollowUpScope {
  areaId: string | null;
  surveyId: string | null;
}

export interface BaselineRow {
  surveyId: string;
  areaId: string;
  participantCode: string;
  /** The first baseline interview's completion time. */
  baselineAt: string;
}

export interface InterviewRow {
  surveyId: string;
  participantCode: string;
  wave: number;
  areaId: string;
  ending: string;
}

export interface AssignmentRow {
  id: string;
  participantCode: string;
  surveyId: string;
  wave: number;
  areaId: string;
  researcherId: string;
  researcherName: string;
  dueOn: string | null;
  status: string;
  assignedAt: string;
  assignedByName: string;
}

export interface ScheduleRow {
  offsetsDays: number[];
  graceDays: number;
}

export function assignmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom("participant_assignments as a")
    .innerJoin("users as researcher", "researcher.id", "a.researcher_id")
    .innerJoin("users as assigner", "assigner.id", "a.assigned_by")
    .select([
      "a.id",
      "a.participant_code",
      "a.survey_id",
      "a.wave",
      "a.area_id",
      "a.researcher_id",
      "researcher.display_name as researcher_name",
      "a.due_on",
      "a.status",
      "a.assigned_at",
      "assigner.display_name as assigned_by_name",
    ]);
}

type AssignmentQueryRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>["executeTakeFirstOrThrow"]>>;

export function toAssignmentRow(r: AssignmentQueryRow): AssignmentRow {
  return {
    id: r.id,
    participantCode: r.participant_code,
    surveyId: r.survey_id,
    wave: Number(r.wave),
    areaId: r.area_id,
    researcherId: r.researcher_id,
    researcherName: r.researcher_name,
    dueOn: r.due_on,
    status: r.status,
    assignedAt: r.assigned_at,
    assignedByName: r.assigned_by_name,
  };
}

/**
 * Assignments in the scope's area, or with `ofAreaParticipants` those of every participant the area
 * follows (an assignment elsewhere for one of them still decides where that follow-up counts).
 */
export async function loadAssignments(
  db: Kysely<Database>,
  scope: FollowUpScope & { researcherId?: string | undefined; ofAreaParticipants?: boolean },
): Promise<AssignmentRow[]> {
  let query = assignmentQuery(db)
    .orderBy("a.due_on")
    .orderBy("a.participant_code")
    .orderBy("a.wave")
    .limit(10_000);
  const areaId = scope.areaId;
  if (areaId !== null) {
    query = scope.ofAreaParticipants
      ? query.where("a.participant_code", "in", areaCodes(db, areaId))
      : query.where("a.area_id", "=", areaId);
  }
  if (scope.surveyId !== null) query = query.where("a.survey_id", "=", scope.surveyId);
  if (scope.researcherId !== undefined) query = query.where("a.researcher_id", "=", scope.researcherId);
  return (await query.execute()).map(toAssignmentRow);
}

export async function loadSchedules(db: Kysely<Database>): Promise<Map<string, ScheduleRow>> {
  const rows = await db
    .selectFrom("follow_up_schedules")
    .select(["survey_id", "offsets_days", "grace_days"])
    .execute();
  const schedules = new Map<string, ScheduleRow>();
  for (const row of rows) {
    let offsets: unknown;
    try {
      offsets = JSON.parse(row.offsets_days);
    } catch {
      continue;
    }
    if (Array.isArray(offsets) && offsets.every((d) => Number.isInteger(d))) {
      schedules.set(row.survey_id, { offsetsDays: offsets as number[], graceDays: Number(row.grace_days) });
    }
  }
  return schedules;
}

/** Participant codes with a baseline or an assignment in the area: the people whose follow-ups it follows. */
function areaCodes(db: Kysely<Database>, areaId: string) {
  return db
    .selectFrom("responses")
    .select("participant_code")
    .where("area_id", "=", areaId)
    .union(db.selectFrom("participant_assignments").select("participant_code").where("area_id", "=", areaId));
}

export async function loadBaselines(db: Kysely<Database>, scope: FollowUpScope): Promise<BaselineRow[]> {
  let query = db
    .selectFrom("responses")
    .select(["survey_id", "area_id", "participant_code", (eb) => eb.fn.min("completed_at").as("baseline_at")])
    .where("wave", "=", 0)
    .where("ending", "<>", "declined")
    .where("review_status", "<>", "rejected")
    .groupBy(["survey_id", "area_id", "participant_code"]);
  if (scope.surveyId !== null) query = query.where("survey_id", "=", scope.surveyId);
  const areaId = scope.areaId;
  if (areaId !== null) query = query.where("participant_code", "in", areaCodes(db, areaId));
  return (await query.execute()).map((r) => ({
    surveyId: r.survey_id,
    areaId: r.area_id,
    participantCode: r.participant_code,
    baselineAt: String(r.baseline_at),
  }));
}

export async function loadInterviews(db: Kysely<Database>, scope: FollowUpScope): Promise<InterviewRow[]> {
  let query = db
    .selectFrom("responses")
    .select(["survey_id", "participant_code", "wave", "area_id", "ending"])
    .distinct()
    .where("review_status", "<>", "rejected");
  if (scope.surveyId !== null) query = query.where("survey_id", "=", scope.surveyId);
  const areaId = scope.areaId;
  if (areaId !== null) query = query.where("participant_code", "in", areaCodes(db, areaId));
  return (await query.execute()).map((r) => ({
    surveyId: r.survey_id,
    participantCode: r.participant_code,
    wave: Number(r.wave),
    areaId: r.area_id,
    ending: r.ending,
  }));
}

/** Which of these codes belong to participants who have withdrawn. */
export async function loadWithdrawn(db: Kysely<Database>, codes: string[]): Promise<Set<string>> {
  const unique = [...new Set(codes)];
  const withdrawn = new Set<string>();
  // In slices, so the list of parameters stays far below either database's limit.
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom("withdrawals")
      .select("participant_code")
      .where("participant_code", "in", unique.slice(start, start + 500))
      .execute();
    for (const row of rows) withdrawn.add(row.participant_code);
  }
  return withdrawn;
}
