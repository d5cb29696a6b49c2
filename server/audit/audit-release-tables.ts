import type { Kysely } from "kysely";
import type { ReleaseSnapshot } from "../../shared/contract/releases.ts";
import type { Database } from "../db/schema.ts";

/**
 * The titles of the release tables that audit entries name in their details: a note added to a
 * release records `tableId` ("participant-interview/say_in_own_support:overall"), which the audit page
 * showed as written. A table's id is stable within its release, so the release's current snapshot
 * gives its title ("Say in own support — everyone"); a table that is no longer there keeps no title.
 * Keyed by `releaseTableKey`.
 */
export async function auditReleaseTableTitles(
  db: Kysely<Database>,
  entries: readonly { action: string; target: string | null; detail: Record<string, unknown> }[],
): Promise<Map<string, string>> {
  const wanted = entries.filter(
    (entry) =>
      entry.action.startsWith("release.") && entry.target && typeof entry.detail.tableId === "string",
  );
  const titles = new Map<string, string>();
  const releaseIds = [...new Set(wanted.map((entry) => entry.target as string))];
  if (releaseIds.length === 0) return titles;
  const rows = await db
    .selectFrom("releases")
    .select(["id", "snapshot"])
    .where("id", "in", releaseIds)
    .execute();
  for (const row of rows) {
    if (!row.snapshot) continue;
    const snapshot = JSON.parse(row.snapshot) as Partial<ReleaseSnapshot>;
    for (const table of snapshot.tables ?? []) titles.set(releaseTableKey(row.id, table.id), table.title);
  }
  return titles;
}

export function releaseTableKey(releaseId: string | null, tableId: unknown): string {
  return `${releaseId} ${String(tableId)}`;
}
