import { type Kysely, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("areas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.references("areas.id"))
    .addColumn("password_hash", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("setup_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("survey_versions")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_versions_pk", ["survey_id", "version"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("survey_version", "integer", (c) => c.notNull())
    .addColumn("participant_code", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("administration_mode", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("device_id", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("review_status", "text", (c) => c.notNull())
    .addColumn("issues", "text", (c) => c.notNull())
    .addColumn("revisions", "integer", (c) => c.notNull().defaultTo(1))
    .addForeignKeyConstraint("responses_version_fk", ["survey_id", "survey_version"], "survey_versions", [
      "survey_id",
      "version",
    ])
    .execute();
  await db.schema
    .createIndex("responses_survey_area_wave_idx")
    .on("responses")
    .columns(["survey_id", "area_id", "wave"])
    .execute();
  await db.schema
    .createIndex("responses_participant_idx")
    .on("responses")
    .column("participant_code")
    .execute();

  await db.schema
    .createTable("response_revisions")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_revisions_pk", ["response_id", "revision"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "response_revisions",
    "responses",
    "survey_versions",
    "surveys",
    "setup_tokens",
    "sessions",
    "users",
    "areas",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
