import { type Expression, type SqlBool, sql } from "kysely";
import type { KeysetCursor } from "../../shared/contract/keyset.ts";

/**
 * Rows of `responses` after a cursor, in (received_at, id) order: the keyset that the review queue,
 * the retention list and exports page by. Each page is one short query, so nothing holds a connection
 * (or SQLite's single one) for a whole walk.
 *
 * A row-value comparison, which SQLite (3.15+) and PostgreSQL both turn into a range on the
 * (…, received_at, id) indexes. The equivalent `a > x OR (a = x AND b > y)` is not: SQLite then reads
 * the index from the start on every page, which made a 50,000-response export 15 times slower.
 */
export function receivedAfter(cursor: KeysetCursor): Expression<SqlBool> {
  const at = sql.ref("responses.received_at");
  const id = sql.ref("responses.id");
  return sql<SqlBool>`(${at}, ${id}) > (${cursor.receivedAt}, ${cursor.id})`;
}
