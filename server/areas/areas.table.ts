import type { Generated } from "kysely";

export interface AreasTable {
  id: string;
  name: string;
  region: string;
  created_at: string;
  /** The user shown an area's new safeguarding concerns first (coordination, 2026-11-26-07). */
  safeguarding_lead_id: string | null;
  /** The area's reward for an hour of an expert's or researcher's time; null until a policy is set. */
  reward_pence_per_hour: number | null;
  /** The reward policy in words, as agreed with the area's experts. */
  reward_policy_note: Generated<string>;
  /** JSON array of `SupportService` (shared/contract/support-services.ts) for the distress protocol. */
  support_services: Generated<string>;
  /** JSON `{ <locale>: { <service name>: SupportServiceWords } }` (2026-12-07-04, decision 0050). */
  support_service_translations: Generated<string>;
  /** 1: only tablets enrolled for the area may upload its interviews (2026-12-06-12, decision 0025). */
  enrolled_tablets_only: Generated<number>;
}

/** How many interviews an area aims for, per survey and wave. */
export interface AreaTargetsTable {
  area_id: string;
  survey_id: string;
  wave: number;
  target: number;
  updated_at: string;
  updated_by: string | null;
}
