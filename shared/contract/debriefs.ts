/**
 * A peer researcher's debrief and wellbeing check after an interview. Kept apart from participant
 * data (no link to the response) and seen only by the researcher and their area's coordinator.
 * Types and limits only; the server's check is `debriefs.schema.ts` (decision 0052).
 */
export const MAX_DEBRIEF_NOTES = 4000;

/**
 * The wellbeing scale in the researcher's words, worst to best; the coordinator reads the same words.
 * The best is "Very good": "Fine, no worries" under "Good" read as a step down, and a coordinator saw
 * "5, fine" below "4, good".
 */
export const wellbeingWords: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: "Not good at all",
  2: "Not great",
  3: "OK",
  4: "Good",
  5: "Very good",
};

/** `POST /api/debriefs`, made on the tablet. */
export interface SubmitDebriefRequest {
  /** Made on the device, so a resend is recognised. */
  id: string;
  areaId: string;
  createdAt: string;
  /** 1 = "not good at all" … 5 = "very good" (`wellbeingWords`). */
  wellbeing: number;
  notes: string;
  wantsSupport: boolean;
}

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

/**
 * `GET /api/debriefs` query: a researcher gets their own debriefs only; a coordinator those of their
 * area (optionally one researcher's); an administrator any area's.
 */
export interface DebriefListQuery {
  areaId?: string | undefined;
  researcherId?: string | undefined;
}
