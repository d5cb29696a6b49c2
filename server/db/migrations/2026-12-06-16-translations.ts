import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Translation in the editor (issue 18; docs/decisions/0038):
// - survey_languages: the languages added to a survey's draft and whether each is offered (1/0).
// - survey_translation_sources: for each translated text, the main-language wording it was
//   translated from, so the editor can say "out of date" when that wording changes.
// - survey_language_signoffs: an expert who reads a language signed it off; content_hash is a hash
//   of every text's source and translation at that moment.
// - user_languages: the languages an expert reads.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_languages")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("offered", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_languages_pk", ["survey_id", "locale"])
    .execute();
  await db.schema
    .createTable("survey_translation_sources")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("string_key", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("translated_by", "text", (c) => c.references("users.id"))
    .addColumn("translated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_translation_sources_pk", ["survey_id", "locale", "string_key"])
    .execute();
  await db.schema
    .createTable("survey_language_signoffs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_language_signoffs_idx")
    .on("survey_language_signoffs")
    .columns(["survey_id", "locale", "created_at"])
    .execute();
  await db.schema
    .createTable("user_languages")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_languages_pk", ["user_id", "locale"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_languages").execute();
  await db.schema.dropIndex("survey_language_signoffs_idx").execute();
  await db.schema.dropTable("survey_language_signoffs").execute();
  await db.schema.dropTable("survey_translation_sources").execute();
  await db.schema.dropTable("survey_languages").execute();
}
