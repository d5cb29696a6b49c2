import { z } from "zod";
import { jsonDepthExceeds } from "./json-depth.ts";
import { SurveyId } from "./surveys.schema.ts";
import {
  administrationModes,
  type SyncItem as Item,
  interviewEndings,
  MAX_ANSWER_DEPTH,
  MAX_LANGUAGE_LENGTH,
  MAX_SYNC_ITEMS,
  type SyncRequest as Request,
} from "./sync.ts";

/** What the server checks a batch against (the envelope; the answers are checked by survey-core). */
export const AdministrationMode = z.enum(administrationModes);
export const InterviewEnding = z.enum(interviewEndings);

const IsoDateTime = z.iso.datetime({ offset: true });

export const SyncItem = z.strictObject({
  id: z.uuid(),
  surveyId: SurveyId,
  surveyVersion: z.number().int().positive(),
  participantCode: z.string().min(1).max(32),
  wave: z.number().int().min(0).max(100),
  areaId: z.string().min(1).max(64),
  startedAt: IsoDateTime,
  completedAt: IsoDateTime,
  administrationMode: AdministrationMode,
  ending: InterviewEnding.optional(),
  // What these two mean: `SyncItem` in sync.ts.
  language: z.string().min(1).max(MAX_LANGUAGE_LENGTH).optional(),
  interviewer: z.string().min(1).max(64).optional(),
  data: z
    .record(z.string().max(200), z.unknown())
    .refine(
      (data) => !jsonDepthExceeds(data, MAX_ANSWER_DEPTH),
      `Answers nest more than ${MAX_ANSWER_DEPTH} levels deep.`,
    ),
}) satisfies z.ZodType<Item>;

export const SyncRequest = z.strictObject({
  deviceId: z.string().min(1).max(64).optional(),
  items: z.array(SyncItem).min(1).max(MAX_SYNC_ITEMS),
}) satisfies z.ZodType<Request>;
