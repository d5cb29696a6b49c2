import type { Kysely } from "kysely";

// Frozen: the co-design editor's tables. Takes Kysely<any> and imports nothing from the application.
// A survey has one working draft; comments, suggestions, sign-offs and the change log hang off the
// survey (not the draft) so they outlive each publish and stay attributed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_drafts")
    .addColumn("survey_id", "text", (c) => c.primaryKey().references("surveys.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("base_version", "integer")
    .addColumn("owner_id", "text", (c) => c.references("users.id"))
    .addColumn("confirmed_name_changes", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("survey_draft_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("questions", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_draft_events_survey_idx")
    .on("survey_draft_events")
    .columns(["survey_id", "at"])
    .execute();

  await db.schema
    .createTable("survey_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("question", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_comments_survey_idx")
    .on("survey_comments")
    .column("survey_id")
    .execute();

  await db.schema
    .createTable("survey_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("original", "text", (c) => c.notNull())
    .addColumn("proposed", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("survey_suggestions_survey_idx")
    .on("survey_suggestions")
    .column("survey_id")
    .execute();

  await db.schema
    .createTable("survey_signoffs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("survey_signoffs_once", ["survey_id", "user_id", "revision"])
    .execute();

  await db.schema
    .createTable("survey_publications")
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("draft_revision", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("signed_off_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_publications_pk", ["survey_id", "version"])
    .addForeignKeyConstraint("survey_publications_version_fk", ["survey_id", "version"], "survey_versions", [
      "survey_id",
      "version",
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "survey_publications",
    "survey_signoffs",
    "survey_suggestions",
    "survey_comments",
    "survey_draft_events",
    "survey_drafts",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
