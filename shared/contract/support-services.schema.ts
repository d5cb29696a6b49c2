import { z } from "zod";
import { MAX_SUPPORT_SERVICES } from "./area-settings.ts";
import type {
  SetSupportServiceTranslationsRequest as SetTranslations,
  SupportServiceWords as Words,
} from "./support-services.ts";

const words = (max: number) => z.string().trim().min(1).max(max).optional();

export const SupportServiceWords = z.strictObject({
  name: words(120),
  hours: words(200),
  address: words(300),
  notes: words(500),
}) satisfies z.ZodType<Words>;
export type SupportServiceWords = Words;

export const SetSupportServiceTranslationsRequest = z.strictObject({
  services: z
    .record(z.string().min(1).max(120), SupportServiceWords)
    .refine(
      (services) => Object.keys(services).length <= MAX_SUPPORT_SERVICES,
      `An area lists at most ${MAX_SUPPORT_SERVICES} services.`,
    ),
}) satisfies z.ZodType<SetTranslations>;
