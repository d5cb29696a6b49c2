import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { AuditEntry, AuditPage } from "../../shared/contract/audit.ts";
import type { KeysetCursor } from "../../shared/contract/keyset.ts";
import { keysetCursor } from "../../shared/contract/keyset.ts";
import type { Database } from "../db/schema.ts";
import { auditReleaseTableTitles, releaseTableKey } from "./audit-release-tables.ts";
import { auditTargetLabels, targetLabelKey } from "./audit-targets.ts";

export interface AuditSearch {
  /** An email or user id; for entries with no actor (failed sign-ins) the email that was tried. */
  actor?: string;
  /** `auth.login`, or a family: `auth` matches every `auth.*` action. */
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Text searched, case-insensitively, in target, detail, address, user agent and device id. */
  q?: string;
  cursor?: KeysetCursor;
  limit: number;
}

/** `%`, `_` and the escape character itself match literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** `lower(column) LIKE pattern ESCAPE '\'`, which SQLite and PostgreSQL read the same way. */
function contains(column: Expression<string | null>, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

/**
 * The newest entries first, a page at a time. Paging is by (at, id) so a page never repeats or skips an
 * entry while new ones are written.
 */
export async function searchAudit(db: Kysely<Database>, search: AuditSearch): Promise<AuditPage> {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.actor_id",
      "audit_log.target",
      "audit_log.detail",
      "audit_log.ip",
      "audit_log.user_agent",
      "audit_log.device_id",
      "users.email as actor_email",
      "users.display_name as actor_name",
    ]);
  const { actor, action, from, to, q, cursor } = search;
  if (actor !== undefined) {
    const email = actor.toLowerCase();
    query = query.where((eb) =>
      eb.or([
        eb("audit_log.actor_id", "=", actor),
        eb("users.email", "=", email),
        eb.and([eb("audit_log.actor_id", "is", null), eb("audit_log.target", "=", email)]),
      ]),
    );
  }
  if (action !== undefined) {
    const family = `${action}.`;
    query = query.where((eb) =>
      eb.or([
        eb("audit_log.action", "=", action),
        eb(eb.fn("substr", ["audit_log.action", sql.lit(1), sql.lit(family.length)]), "=", family),
      ]),
    );
  }
  if (from !== undefined) query = query.where("audit_log.at", ">=", from);
  if (to !== undefined) query = query.where("audit_log.at", "<", to);
  if (q !== undefined) {
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        contains(eb.ref("audit_log.action"), pattern),
        contains(eb.ref("audit_log.target"), pattern),
        contains(eb.ref("audit_log.detail"), pattern),
        contains(eb.ref("audit_log.ip"), pattern),
        contains(eb.ref("audit_log.user_agent"), pattern),
        contains(eb.ref("audit_log.device_id"), pattern),
        contains(eb.ref("users.email"), pattern),
        contains(eb.ref("users.display_name"), pattern),
        // A reviewed interview is shown by its participant code (audit-targets.ts), so it is found by it.
        eb(
          "audit_log.target",
          "in",
          db
            .selectFrom("responses")
            .select("responses.id")
            .where((inner) => contains(inner.ref("responses.participant_code"), pattern)),
        ),
      ]),
    );
  }
  if (cursor !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("audit_log.at", "<", cursor.receivedAt),
        eb.and([eb("audit_log.at", "=", cursor.receivedAt), eb("audit_log.id", "<", cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(search.limit + 1)
    .execute();

  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  const labels = await auditTargetLabels(db, page);
  const parsed = page.map((row) => ({ ...row, detail: parseDetail(row.detail) }));
  const tableTitles = await auditReleaseTableTitles(db, parsed);
  const entries: AuditEntry[] = parsed.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor:
      row.actor_id === null
        ? null
        : { id: row.actor_id, email: row.actor_email ?? "", displayName: row.actor_name ?? "" },
    target: row.target,
    targetLabel: labels.get(targetLabelKey(row)) ?? null,
    detail: row.detail,
    detailLabels: detailLabelsOf(row, tableTitles),
    ip: row.ip,
    userAgent: row.user_agent,
    deviceId: row.device_id,
  }));
  return {
    entries,
    nextCursor:
      rows.length > search.limit && last ? keysetCursor({ receivedAt: last.at, id: last.id }) : null,
    actions: await auditActions(db),
  };
}

/** The distinct actions in the log, for the search form's suggestions. */
export async function auditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((row) => row.action);
}

/** Words for the ids in an entry's details that the page cannot name itself. */
function detailLabelsOf(
  row: { target: string | null; detail: Record<string, unknown> },
  tableTitles: ReadonlyMap<string, string>,
): Record<string, string> {
  const title = tableTitles.get(releaseTableKey(row.target, row.detail.tableId));
  return title === undefined ? {} : { tableId: title };
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { text };
  }
}
