import type { Kysely } from "kysely";
import type { InterviewEnding } from "../../shared/contract/sync.ts";
import type { Database } from "../db/schema.ts";

/**
 * What the due lists are made of, for the surveys that have follow-ups, in one area (or all when
 * `areaId` is null). Withdrawn participants are left out: nobody should approach them again.
 */
export interface InterviewFact {
  participantCode: string;
  surveyId: string;
  wave: number;
  areaId: string;
  ending: InterviewEnding;
  completedAt: string;
  submittedBy: string;
}

export interface RescheduleFact {
  participantCode: string;
  surveyId: string;
  wave: number;
  at: string;
}

export interface AssignmentFact {
  participantCode: string;
  surveyId: string;
  wave: number;
  researcherId: string;
  dueOn: string | null;
}

interface Scope {
  areaId: string | null;
  surveyIds: string[];
}

export async function interviewFacts(db: Kysely<Database>, scope: Scope): Promise<InterviewFact[]> {
  if (scope.surveyIds.length === 0) return [];
  let query = db
    .selectFrom("responses as r")
    .select([
      "r.participant_code",
      "r.survey_id",
      "r.wave",
      "r.area_id",
      "r.ending",
      "r.completed_at",
      "r.submitted_by",
    ])
    .where("r.survey_id", "in", scope.surveyIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("withdrawals as w")
            .select("w.participant_code")
            .whereRef("w.participant_code", "=", "r.participant_code"),
        ),
      ),
    )
    .orderBy("r.completed_at");
  if (scope.areaId !== null) query = query.where("r.area_id", "=", scope.areaId);
  const rows = await query.execute();
  return rows.map((row) => ({
    participantCode: row.participant_code,
    surveyId: row.survey_id,
    wave: Number(row.wave),
    areaId: row.area_id,
    ending: row.ending as InterviewEnding,
    completedAt: row.completed_at,
    submittedBy: row.submitted_by,
  }));
}

export async function rescheduleFacts(db: Kysely<Database>, scope: Scope): Promise<RescheduleFact[]> {
  if (scope.surveyIds.length === 0) return [];
  let query = db
    .selectFrom("interview_reschedules")
    .select(({ fn }) => ["participant_code", "survey_id", "wave", fn.max("rescheduled_at").as("at")])
    .where("survey_id", "in", scope.surveyIds)
    .groupBy(["participant_code", "survey_id", "wave"]);
  if (scope.areaId !== null) query = query.where("area_id", "=", scope.areaId);
  const rows = await query.execute();
  return rows.map((row) => ({
    participantCode: row.participant_code,
    surveyId: row.survey_id,
    wave: Number(row.wave),
    at: String(row.at),
  }));
}

export async function assignmentFacts(db: Kysely<Database>, scope: Scope): Promise<AssignmentFact[]> {
  if (scope.surveyIds.length === 0) return [];
  let query = db
    .selectFrom("participant_assignments")
    .select(["participant_code", "survey_id", "wave", "researcher_id", "due_on"])
    .where("survey_id", "in", scope.surveyIds);
  if (scope.areaId !== null) query = query.where("area_id", "=", scope.areaId);
  const rows = await query.execute();
  return rows.map((row) => ({
    participantCode: row.participant_code,
    surveyId: row.survey_id,
    wave: Number(row.wave),
    researcherId: row.researcher_id,
    dueOn: row.due_on,
  }));
}
