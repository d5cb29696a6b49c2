import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AssignmentStatus } from "../../shared/contract/assignments.ts";
import type { Database } from "../db/schema.ts";
import { type AssignmentRow, assignmentQuery, toAssignmentRow } from "./follow-ups.repository.ts";

export async function findAssignment(
  db: Kysely<Database>,
  by: { id: string } | { participantCode: string; surveyId: string; wave: number },
): Promise<AssignmentRow | undefined> {
  let query = assignmentQuery(db);
  query =
    "id" in by
      ? query.where("a.id", "=", by.id)
      : query
          .where("a.participant_code", "=", by.participantCode)
          .where("a.survey_id", "=", by.surveyId)
          .where("a.wave", "=", by.wave);
  const row = await query.executeTakeFirst();
  return row && toAssignmentRow(row);
}

export interface AssignmentChange {
  existingId: string | undefined;
  participantCode: string;
  surveyId: string;
  wave: number;
  areaId: string;
  researcherId: string;
  dueOn: string | null;
  assignedBy: string;
  at: Date;
}

/** Creates the follow-up's assignment, or moves it to another researcher, area or date (and reopens it). */
export async function setAssignment(db: Kysely<Database>, change: AssignmentChange): Promise<string> {
  const at = change.at.toISOString();
  const values = {
    area_id: change.areaId,
    researcher_id: change.researcherId,
    due_on: change.dueOn,
    status: "open",
    assigned_by: change.assignedBy,
    assigned_at: at,
    updated_at: at,
  };
  if (change.existingId !== undefined) {
    await db.updateTable("participant_assignments").set(values).where("id", "=", change.existingId).execute();
    return change.existingId;
  }
  const id = randomUUID();
  await db
    .insertInto("participant_assignments")
    .values({
      id,
      participant_code: change.participantCode,
      survey_id: change.surveyId,
      wave: change.wave,
      ...values,
    })
    .execute();
  return id;
}

export async function setAssignmentStatus(
  db: Kysely<Database>,
  id: string,
  status: AssignmentStatus,
  at: Date,
): Promise<void> {
  await db
    .updateTable("participant_assignments")
    .set({ status, updated_at: at.toISOString() })
    .where("id", "=", id)
    .execute();
}
