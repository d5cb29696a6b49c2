/**
 * A peer researcher's debrief and wellbeing check after an interview. Kept apart from participant
 * data (no link to the response) and seen only by the researcher and their area's coordinator.
 * Types and limits only; the server's check is `debriefs.schema.ts` (decision 0052).
 */
export const MAX_DEBRIEF_NOTES = 4000;

/** `POST /api/debriefs`, made on the tablet. */
export interface SubmitDebriefRequest {
  /** Made on the device, so a resend is recognised. */
  id: string;
  areaId: string;
  createdAt: string;
  /** 1 = "not good at all" … 5 = "fine". */
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
