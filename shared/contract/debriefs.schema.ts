import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import {
  type SubmitDebriefRequest as Debrief,
  type DebriefListQuery as DebriefList,
  MAX_DEBRIEF_NOTES,
} from "./debriefs.ts";

/** What the server checks a debrief against; only the server imports this file (decision 0052). */
export const SubmitDebriefRequest = z.strictObject({
  id: z.uuid(),
  areaId: AreaId,
  createdAt: z.iso.datetime({ offset: true }),
  wellbeing: z.number().int().min(1).max(5),
  notes: z.string().trim().max(MAX_DEBRIEF_NOTES),
  wantsSupport: z.boolean(),
}) satisfies z.ZodType<Debrief>;

export const DebriefListQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  researcherId: z.string().min(1).max(64).optional(),
}) satisfies z.ZodType<DebriefList>;
