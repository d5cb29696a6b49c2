import { z } from "zod";
import { CalendarDate } from "./assignments.schema.ts";
import type { RecordTrainingRequest as RecordTraining, TrainingQuery as TrainingFilter } from "./training.ts";
import { trainingKinds } from "./training.ts";

/**
 * What the server checks a training request against. Only the server imports this file; the types
 * and constants both sides use are in `training.ts`, and `satisfies` keeps the two in step.
 */
export const TrainingKind = z.enum(trainingKinds);

export const RecordTrainingRequest = z
  .strictObject({
    userId: z.string().min(1).max(64),
    kind: TrainingKind,
    completedOn: CalendarDate,
    expiresOn: CalendarDate.nullable(),
    note: z.string().trim().max(1000),
  })
  .refine((r) => r.expiresOn === null || r.expiresOn > r.completedOn, {
    message: "The refresher must be due after the training was completed.",
    path: ["expiresOn"],
  }) satisfies z.ZodType<RecordTraining>;

export const TrainingQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
}) satisfies z.ZodType<TrainingFilter>;
