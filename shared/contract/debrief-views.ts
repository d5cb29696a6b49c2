import { z } from "zod";

/**
 * `GET /api/debriefs` answers `DebriefsResponse` (debriefs.ts): a researcher gets their own debriefs
 * only; a coordinator those of their area (optionally one researcher's); an administrator any area's.
 */
export const DebriefListQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  researcherId: z.string().min(1).max(64).optional(),
});
