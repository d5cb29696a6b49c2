import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import {
  exportFiles,
  exportStatuses,
  type ExportFile as File,
  type ExportQuery as Query,
} from "./exports.ts";

export const ExportFile = z.enum(exportFiles) satisfies z.ZodType<File>;
export type ExportFile = File;

export const ExportQuery = z.strictObject({
  areaId: AreaId.optional(),
  wave: z
    .string()
    .regex(/^\d{1,3}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(100))
    .optional(),
  status: z.enum(exportStatuses).default("all"),
}) satisfies z.ZodType<Query>;
