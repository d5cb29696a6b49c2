import { z } from "zod";
import type { CreateAreaRequest as CreateArea } from "./areas.ts";

export const AreaId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens");

export const CreateAreaRequest = z.strictObject({
  id: AreaId,
  name: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(120),
}) satisfies z.ZodType<CreateArea>;
