import { z } from "zod";
import { SurveyId } from "./surveys.ts";

/**
 * An area as its coordinator runs it: the local support services the distress protocol signposts to,
 * the named safeguarding lead who sees new concerns first, the reward policy that thanks experts and
 * researchers for their time, and the interviews the area aims for per survey and wave.
 */

/** Optional text: blank counts as not given, so a form can send what is in its boxes. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value === "" ? undefined : value));

/** One entry of `areas.support_services`: what a researcher reads out when an interview stops. */
export const SupportService = z.strictObject({
  name: z.string().trim().min(1, "Give the service's name.").max(120),
  phone: optionalText(40),
  hours: optionalText(200),
  address: optionalText(300),
  notes: optionalText(500),
});
export type SupportService = z.infer<typeof SupportService>;

export const MAX_SUPPORT_SERVICES = 40;
export const SupportServices = z.array(SupportService).max(MAX_SUPPORT_SERVICES);

/** Pence per hour; £1,000 an hour is far above any policy and keeps sums inside safe integers. */
export const MAX_PENCE_PER_HOUR = 100_000;

export const UpdateAreaSettingsRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(120),
  supportServices: SupportServices,
  safeguardingLeadId: z.string().min(1).max(64).nullable(),
  rewardPencePerHour: z.number().int().min(0).max(MAX_PENCE_PER_HOUR).nullable(),
  rewardPolicyNote: z.string().trim().max(2000),
});
export type UpdateAreaSettingsRequest = z.input<typeof UpdateAreaSettingsRequest>;

export const MAX_WAVE = 100;
export const MAX_TARGET = 100_000;

export const AreaTarget = z.strictObject({
  surveyId: SurveyId,
  wave: z.number().int().min(0).max(MAX_WAVE),
  target: z.number().int().min(0).max(MAX_TARGET),
});
export type AreaTarget = z.infer<typeof AreaTarget>;

/** The area's whole list of targets; what is not in it is removed. */
export const SetAreaTargetsRequest = z.strictObject({
  targets: z
    .array(AreaTarget)
    .max(500)
    .refine(
      (targets) => new Set(targets.map((t) => `${t.surveyId}@${t.wave}`)).size === targets.length,
      "Each survey and wave may have one target only.",
    ),
});
export type SetAreaTargetsRequest = z.infer<typeof SetAreaTargetsRequest>;

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
