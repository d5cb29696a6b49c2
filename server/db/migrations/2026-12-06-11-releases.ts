import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Releases (issue 13, docs/decisions/0022): frozen, checked, signed-off snapshots of outcome figures.
//
// - releases: the composition (JSON), its state, and once checked the snapshot (JSON: tables whose
//   withheld cells carry only a reason, the checklist, the date of the data). `public_token` is set at
//   publishing when the public is an audience. A published row never changes except `corrected_by`.
// - release_interviews: which counted interviews a release's current snapshot was computed from, with
//   their area and wave, so later releases are checked against exactly what this one published, even
//   after an interview is withdrawn (its answers are deleted; only its random id stays here).
// - release_signoffs: two per snapshot (an analyst and an expert by experience, two people).
// - release_annotations: experts' notes on a table, attributed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("releases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("composition", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("snapshot_id", "text")
    .addColumn("snapshot", "text")
    .addColumn("participant_summary", "text")
    .addColumn("published_at", "text")
    .addColumn("published_by", "text", (c) => c.references("users.id"))
    .addColumn("public_token", "text", (c) => c.unique())
    .addColumn("corrects", "text")
    .addColumn("corrected_by", "text")
    .execute();
  await db.schema
    .createIndex("releases_survey_idx")
    .on("releases")
    .columns(["survey_id", "published_at"])
    .execute();

  await db.schema
    .createTable("release_interviews")
    .addColumn("release_id", "text", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("release_interviews_pk", ["release_id", "response_id"])
    .execute();

  await db.schema
    .createTable("release_signoffs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("release_id", "text", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("snapshot_id", "text", (c) => c.notNull())
    .addColumn("signer_role", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("release_signoffs_role_uq", ["release_id", "snapshot_id", "signer_role"])
    .addUniqueConstraint("release_signoffs_user_uq", ["release_id", "snapshot_id", "user_id"])
    .execute();

  await db.schema
    .createTable("release_annotations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("release_id", "text", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("table_id", "text", (c) => c.notNull())
    .addColumn("what_it_means", "text", (c) => c.notNull())
    .addColumn("what_should_change", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("release_annotations_release_idx")
    .on("release_annotations")
    .columns(["release_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("release_annotations").execute();
  await db.schema.dropTable("release_signoffs").execute();
  await db.schema.dropTable("release_interviews").execute();
  await db.schema.dropTable("releases").execute();
}
