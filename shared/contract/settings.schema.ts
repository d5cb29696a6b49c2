import { z } from "zod";
import {
  MAX_SUPPRESSION_K,
  MIN_SUPPRESSION_K,
  type SuppressionSettingRequest as Setting,
} from "./settings.ts";

export const SuppressionSettingRequest = z.strictObject({
  k: z.number().int().min(MIN_SUPPRESSION_K).max(MAX_SUPPRESSION_K),
}) satisfies z.ZodType<Setting>;
