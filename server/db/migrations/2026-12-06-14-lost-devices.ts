import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Lost tablets (issue 17, docs/decisions/0036):
// - devices: when a coordinator reported the tablet lost, by whom and why; when it was marked found
//   again; when the tablet said it had deleted everything; when its token was last refused (so a
//   tablet that keeps trying is audited once a minute, not on every request); when it last sent its
//   manifest and how many lines it left out.
// - device_manifest_items: what the tablet said it held and had not yet uploaded, one row per item
//   it ever reported, so the server can say what was on a lost tablet and never arrived; `on_tablet`
//   is 1 for the lines of its latest manifest.
//   Participant codes and dates only; never answers.

const DEVICE_COLUMNS = [
  "lost_at",
  "lost_by",
  "lost_reason",
  "found_at",
  "found_by",
  "wiped_at",
  "lost_refused_at",
  "manifest_at",
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const column of DEVICE_COLUMNS) {
    await db.schema.alterTable("devices").addColumn(column, "text").execute();
  }
  await db.schema.alterTable("devices").addColumn("manifest_omitted", "integer").execute();
  await db.schema
    .createTable("device_manifest_items")
    .addColumn("device_id", "text", (c) => c.notNull().references("devices.id"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("participant_code", "text")
    .addColumn("survey_id", "text")
    .addColumn("wave", "integer")
    .addColumn("collected_at", "text", (c) => c.notNull())
    .addColumn("first_reported_at", "text", (c) => c.notNull())
    .addColumn("last_reported_at", "text", (c) => c.notNull())
    .addColumn("on_tablet", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("device_manifest_items_pk", ["device_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("device_manifest_items").execute();
  await db.schema.alterTable("devices").dropColumn("manifest_omitted").execute();
  for (const column of [...DEVICE_COLUMNS].reverse()) {
    await db.schema.alterTable("devices").dropColumn(column).execute();
  }
}
