import { z } from "zod";
import { MAX_WAVE } from "./area-settings.ts";
import {
  assignmentStatuses,
  type AssignmentsQuery as Query,
  type SetAssignmentRequest as SetAssignment,
  type SetAssignmentStatusRequest as SetStatus,
} from "./assignments.ts";
import { SurveyId } from "./surveys.schema.ts";
import { ParticipantCodeInput } from "./withdrawals.schema.ts";

/** A calendar day, YYYY-MM-DD. */
export const CalendarDate = z.iso.date();

export const SetAssignmentRequest = z.strictObject({
  participantCode: ParticipantCodeInput,
  surveyId: SurveyId,
  wave: z.number().int().min(0).max(MAX_WAVE),
  areaId: z.string().min(1).max(64),
  researcherId: z.string().min(1).max(64),
  dueOn: CalendarDate.nullable(),
}) satisfies z.ZodType<SetAssignment>;

export const AssignmentStatus = z.enum(assignmentStatuses);

export const SetAssignmentStatusRequest = z.strictObject({
  status: AssignmentStatus,
}) satisfies z.ZodType<SetStatus>;

export const AssignmentsQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  researcherId: z.string().min(1).max(64).optional(),
}) satisfies z.ZodType<Query>;
