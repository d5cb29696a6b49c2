import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Data governance: who decided what about each response (review_events), which participants have
// withdrawn (withdrawals, so later uploads for them are refused). The retention period is a row of
// the `settings` table (2026-11-26-03).

export async function up(db: Kysely<any>): Promise<void> {
  // Every review decision and comment, in order. Child of a response: withdrawing the participant
  // deletes the history with the answers (comments can quote them).
  await db.schema
    .createTable("review_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("adopted_revision", "integer")
    .addColumn("comment", "text")
    .execute();
  await db.schema
    .createIndex("review_events_response_seq_idx")
    .on("review_events")
    .columns(["response_id", "seq"])
    .unique()
    .execute();

  // Only the pseudonymous code and the choice are kept: enough to refuse uploads still queued on tablets.
  await db.schema
    .createTable("withdrawals")
    .addColumn("participant_code", "text", (c) => c.primaryKey())
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.references("areas.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("responses_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // Keyset pages: exports walk one survey by (received_at, id); the review queue and the retention
  // list walk all surveys the same way.
  await db.schema
    .createIndex("responses_survey_received_idx")
    .on("responses")
    .columns(["survey_id", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("responses_review_received_idx")
    .on("responses")
    .columns(["review_status", "received_at", "id"])
    .execute();
  await db.schema
    .createIndex("responses_received_idx")
    .on("responses")
    .columns(["received_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_received_idx").execute();
  await db.schema.dropIndex("responses_review_received_idx").execute();
  await db.schema.dropIndex("responses_survey_received_idx").execute();
  await db.schema.dropTable("withdrawals").execute();
  await db.schema.dropTable("review_events").execute();
}
