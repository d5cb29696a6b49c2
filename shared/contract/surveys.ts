import { z } from "zod";

/** A survey as listed for fieldwork: its latest published version. */
export const PublishedSurveySummary = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  version: z.number().int().positive(),
  publishedAt: z.string(),
});
export type PublishedSurveySummary = z.infer<typeof PublishedSurveySummary>;

/** One immutable published version, with the SurveyJS JSON a tablet renders. */
export const SurveyVersion = z.object({
  surveyId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  publishedAt: z.string(),
  definition: z.record(z.string(), z.unknown()),
});
export type SurveyVersion = z.infer<typeof SurveyVersion>;

export const SurveyId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens");
