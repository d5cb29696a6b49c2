/**
 * `GET /api/audit` filters, as the search form sends them; leave a filter out rather than sending it
 * empty. `actor` is an email or a user id (for a failed sign-in, the email tried); `action` is an
 * action (`auth.login`) or its family (`auth`); `from`/`to` are dates (`to` inclusive) or instants;
 * `q` searches target, details, address and device; `cursor` is the previous page's `nextCursor` (the
 * keyset format of `keyset.ts`); `limit` is 1 to 100, 50 when absent.
 */
export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

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
  /**
   * Words for ids in `detail` that only the server can name, by the detail's key: a release table's
   * title for `tableId`. A key missing here is shown from `detail` as written.
   */
  detailLabels: Record<string, string>;
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
