import { z } from "zod";
import { AreaId } from "./areas.ts";
import { MAX_DEBRIEF_NOTES } from "./debrief-constants.ts";

/**
 * A peer researcher's debrief and wellbeing check after an interview. Kept apart from participant
 * data (no link to the response) and seen only by the researcher and their area's coordinator.
 */
export const SubmitDebriefRequest = z.strictObject({
  id: z.uuid(),
  areaId: AreaId,
  createdAt: z.iso.datetime({ offset: true }),
  /** 1 = "not good at all" … 5 = "fine". */
  wellbeing: z.number().int().min(1).max(5),
  notes: z.string().trim().max(MAX_DEBRIEF_NOTES),
  wantsSupport: z.boolean(),
});
export type SubmitDebriefRequest = z.infer<typeof SubmitDebriefRequest>;

export interface Debrief {
  id: string;
  researcher: { id: string; name: string };
  areaId: string;
  createdAt: string;
  wellbeing: number;
  notes: string;
  wantsSupport: boolean;
}

/** Asking for support first, then newest first. */
export interface DebriefsResponse {
  debriefs: Debrief[];
}
