import { z } from "zod";
import type { ProgressQuery as Progress } from "./progress.ts";
import { SurveyId } from "./surveys.schema.ts";

export const ProgressQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  surveyId: SurveyId.optional(),
}) satisfies z.ZodType<Progress>;
