import { z } from "zod";
import {
  MAX_PENCE_PER_HOUR,
  MAX_SUPPORT_SERVICES,
  MAX_TARGET,
  MAX_WAVE,
  type SupportService as Service,
  type SetAreaTargetsRequest as SetTargets,
  type AreaTarget as Target,
  type UpdateAreaSettingsRequest as UpdateSettings,
} from "./area-settings.ts";
import { SurveyId } from "./surveys.schema.ts";

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
}) satisfies z.ZodType<Service>;

export const SupportServices = z.array(SupportService).max(MAX_SUPPORT_SERVICES);

export const UpdateAreaSettingsRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(120),
  supportServices: SupportServices,
  safeguardingLeadId: z.string().min(1).max(64).nullable(),
  rewardPencePerHour: z.number().int().min(0).max(MAX_PENCE_PER_HOUR).nullable(),
  rewardPolicyNote: z.string().trim().max(2000),
}) satisfies z.ZodType<UpdateSettings>;

export const AreaTarget = z.strictObject({
  surveyId: SurveyId,
  wave: z.number().int().min(0).max(MAX_WAVE),
  target: z.number().int().min(0).max(MAX_TARGET),
}) satisfies z.ZodType<Target>;

/** The area's whole list of targets; what is not in it is removed. */
export const SetAreaTargetsRequest = z.strictObject({
  targets: z
    .array(AreaTarget)
    .max(500)
    .refine(
      (targets) => new Set(targets.map((t) => `${t.surveyId}@${t.wave}`)).size === targets.length,
      "Each survey and wave may have one target only.",
    ),
}) satisfies z.ZodType<SetTargets>;
