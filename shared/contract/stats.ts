import { z } from "zod";

/** How many responses each survey has, per area and wave, within the caller's area scope. */
export const ResponseCount = z.object({
  surveyId: z.string(),
  surveyTitle: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  wave: z.number().int(),
  responses: z.number().int(),
  needsReview: z.number().int(),
});
export type ResponseCount = z.infer<typeof ResponseCount>;

export interface ResponseCountsResponse {
  counts: ResponseCount[];
}
