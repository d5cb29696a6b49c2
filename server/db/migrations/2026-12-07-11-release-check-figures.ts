import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Decision 0068.
//
// `release_check_figures`: what a later release check needs of a release's snapshot, stored beside
// it. Every check of a survey reads every earlier published release; the snapshot is about 15 MB of
// JSON (three quarters of it the checklist's explanations), and reading and parsing ten of them was
// about 2.6 s of every check. A later check uses only the tables, and of their cells only the
// published ones and those withheld as fewer than k: `tables` is the snapshot's tables with every
// other cell left out (the rest as it is, in the same order). The row belongs to one snapshot
// (`snapshot_id`): a release checked again, or stored by an instance that does not write this
// table during a rolling restart, has none for its snapshot, and the check reads the snapshot
// itself, as before.
//
// Releases already checked are filled in from their snapshots (published releases never change).

interface Cell {
  published: boolean;
  reason?: string;
}
interface Table {
  rows: { cells: Record<string, Cell> }[];
}

/** The snapshot's tables with only the cells a later check reads. */
function checkTables(snapshot: string): string {
  const tables = (JSON.parse(snapshot) as { tables: Table[] }).tables;
  return JSON.stringify(
    tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({
        ...r,
        cells: Object.fromEntries(
          Object.entries(r.cells).filter(([, c]) => c.published || c.reason === "below_k"),
        ),
      })),
    })),
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("release_check_figures")
    .addColumn("release_id", "text", (c) => c.primaryKey().references("releases.id").onDelete("cascade"))
    .addColumn("snapshot_id", "text", (c) => c.notNull())
    .addColumn("tables", "text", (c) => c.notNull())
    .execute();
  const ids = await db
    .selectFrom("releases")
    .select(["id"])
    .where("snapshot", "is not", null)
    .where("snapshot_id", "is not", null)
    .execute();
  // One release at a time: a snapshot is large.
  for (const { id } of ids) {
    const r = await db
      .selectFrom("releases")
      .select(["snapshot_id", "snapshot"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!r?.snapshot || !r.snapshot_id) continue;
    await db
      .insertInto("release_check_figures")
      .values({ release_id: id, snapshot_id: r.snapshot_id, tables: checkTables(String(r.snapshot)) })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("release_check_figures").execute();
}
