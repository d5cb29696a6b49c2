import { z } from "zod";
import { KeysetCursor, PageLimit } from "./keyset.schema.ts";

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `GET /api/audit` filters (`AuditQuery` in `audit.ts`; `mount` checks the two agree). */
export const AuditQuery = z.strictObject({
  actor: z.string().trim().min(1).max(254).optional(),
  action: z
    .string()
    .max(64)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "an action such as auth.login, or a family such as auth")
    .optional(),
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: KeysetCursor.optional(),
  limit: PageLimit,
});
