/** A researcher's own debrief after an interview: apart from participant data, with no link to it. */
export interface DebriefsTable {
  id: string;
  researcher_id: string;
  area_id: string;
  created_at: string;
  /** 1 (struggling) to 5 (fine). */
  wellbeing: number;
  notes: string;
  /** 0 | 1 */
  wants_support: number;
}
