/**
 * An area as its coordinator runs it: the local support services the distress protocol signposts to,
 * the named safeguarding lead who sees new concerns first, the reward policy that thanks experts and
 * researchers for their time, and the interviews the area aims for per survey and wave.
 */

/** One entry of `areas.support_services`: what a researcher reads out when an interview stops. */
export interface SupportService {
  name: string;
  phone: string | undefined;
  hours: string | undefined;
  address: string | undefined;
  notes: string | undefined;
}

/** A support service as a form sends it: blank text counts as not given. */
interface SupportServiceEntry {
  name: string;
  phone?: string | undefined;
  hours?: string | undefined;
  address?: string | undefined;
  notes?: string | undefined;
}

export const MAX_SUPPORT_SERVICES = 40;

/** Pence per hour; £1,000 an hour is far above any policy and keeps sums inside safe integers. */
export const MAX_PENCE_PER_HOUR = 100_000;

export interface UpdateAreaSettingsRequest {
  name: string;
  region: string;
  supportServices: SupportServiceEntry[];
  safeguardingLeadId: string | null;
  rewardPencePerHour: number | null;
  rewardPolicyNote: string;
}

export const MAX_WAVE = 100;
export const MAX_TARGET = 100_000;

export interface AreaTarget {
  surveyId: string;
  wave: number;
  target: number;
}

/** The area's whole list of targets (one per survey and wave); what is not in it is removed. */
export interface SetAreaTargetsRequest {
  targets: AreaTarget[];
}

export interface SafeguardingLeadOption {
  id: string;
  displayName: string;
}

export interface AreaSettings {
  id: string;
  name: string;
  region: string;
  supportServices: SupportService[];
  safeguardingLeadId: string | null;
  safeguardingLeadName: string | null;
  rewardPencePerHour: number | null;
  rewardPolicyNote: string;
  targets: AreaTarget[];
  /** Who may be named lead: the area's coordinators and the administrators. */
  leadOptions: SafeguardingLeadOption[];
}
