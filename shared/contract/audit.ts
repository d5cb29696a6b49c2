import { z } from "zod";
import { KeysetCursor, PageLimit } from "./keyset.ts";

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * `GET /api/audit` filters. `actor` is an email or a user id (for a failed sign-in, the email tried);
 * `action` is an action (`auth.login`) or its family (`auth`); `from`/`to` are dates (`to` inclusive) or
 * instants; `q` searches target, details, address and device; `cursor` is the previous page's
 * `nextCursor` (the keyset format of `keyset.ts`).
 */
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
/** What the search form sends; leave a filter out rather than sending it empty. */
export type AuditQuery = z.input<typeof AuditQuery>;

export interface AuditActor {
  id: string;
  email: string;
  displayName: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  /** Null for what nobody signed in did, such as a failed sign-in. */
  actor: AuditActor | null;
  target: string | null;
  /** The target in plain words (a person's name and email, an area's or survey's title), when it still exists. */
  targetLabel: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  deviceId: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** Every action that occurs in the log, for the search form. */
  actions: string[];
}
