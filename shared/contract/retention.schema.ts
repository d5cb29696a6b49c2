import { z } from "zod";
import { KeysetCursor, PageLimit } from "./keyset.schema.ts";
import {
  type RetentionDeleteRequest as Delete,
  MAX_RETENTION_DELETIONS,
  MAX_RETENTION_MONTHS,
  type RetentionSettingsRequest as Settings,
} from "./retention.ts";

export const RetentionSettingsRequest = z.strictObject({
  months: z.number().int().min(1).max(MAX_RETENTION_MONTHS).nullable(),
}) satisfies z.ZodType<Settings>;

export const RetentionQuery = z.strictObject({ cursor: KeysetCursor.optional(), limit: PageLimit });

export const RetentionDeleteRequest = z.strictObject({
  responseIds: z.array(z.uuid()).min(1).max(MAX_RETENTION_DELETIONS),
}) satisfies z.ZodType<Delete>;
