import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// A draft's Easy Read pictures are stored apart from its text (issue 18; docs/decisions/0051), each
// once, under the SHA-256 of its data URL, so saving a wording change rewrites the draft's text and
// not up to 11 MB of pictures. Drafts stored before keep their pictures inside their text until they
// are next saved: the drafts repository reads both forms, so nothing is moved here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_draft_pictures")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("picture_key", "text", (c) => c.notNull())
    .addColumn("data_url", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_draft_pictures_pk", ["survey_id", "picture_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_draft_pictures").execute();
}
