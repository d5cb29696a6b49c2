import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Coordination: what coordinators need to run fieldwork in an area and to look after the people who
// do it. Nothing here holds participant answers; participant codes appear only in assignments.
//
// - areas: the named safeguarding lead and the area's reward policy (pence per hour, and the policy in
//   words). The support services list is `areas.support_services` (2026-11-26-06).
// - area_targets: how many interviews an area aims for, per survey and wave.
// - devices / device_enrolment_codes: tablets enrolled by a short-lived, single-use code; only
//   SHA-256 hashes of codes and device tokens are stored.
// - participant_assignments: whose follow-up a researcher does, by when, and whether it was declined.
// - safeguarding_actions: what was done about a concern, append-only (the concern itself is in
//   safeguarding_concerns, 2026-11-26-06; no foreign key, so this migration does not depend on that one).
// - participation_plans, reward_entries, training_records: the people side of the theory of change.
// SQLite takes one ADD COLUMN per ALTER TABLE, so each column has its own statement.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("areas").addColumn("safeguarding_lead_id", "text").execute();
  await db.schema.alterTable("areas").addColumn("reward_pence_per_hour", "integer").execute();
  await db.schema
    .alterTable("areas")
    .addColumn("reward_policy_note", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("area_targets")
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("target", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("area_targets_pk", ["area_id", "survey_id", "wave"])
    .execute();

  await db.schema
    .createTable("devices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addColumn("enrolled_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("users.id"))
    .addColumn("last_seen_at", "text")
    .execute();
  await db.schema.createIndex("devices_area_idx").on("devices").columns(["area_id", "enrolled_at"]).execute();

  await db.schema
    .createTable("device_enrolment_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("device_id", "text")
    .execute();

  await db.schema
    .createTable("participant_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("participant_code", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id"))
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("researcher_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("participant_assignments_follow_up_idx")
    .on("participant_assignments")
    .columns(["participant_code", "survey_id", "wave"])
    .unique()
    .execute();
  await db.schema
    .createIndex("participant_assignments_area_idx")
    .on("participant_assignments")
    .columns(["area_id", "survey_id", "wave"])
    .execute();
  await db.schema
    .createIndex("participant_assignments_researcher_idx")
    .on("participant_assignments")
    .column("researcher_id")
    .execute();

  await db.schema
    .createTable("safeguarding_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("concern_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("safeguarding_actions_concern_idx")
    .on("safeguarding_actions")
    .columns(["concern_id", "seq"])
    .execute();

  await db.schema
    .createTable("participation_plans")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("interests", "text", (c) => c.notNull())
    .addColumn("goals", "text", (c) => c.notNull())
    .addColumn("support_wanted", "text", (c) => c.notNull())
    .addColumn("contact_methods", "text", (c) => c.notNull())
    .addColumn("contact_notes", "text", (c) => c.notNull())
    .addColumn("preferred_payment", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .execute();

  await db.schema
    .createTable("reward_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("given_on", "text", (c) => c.notNull())
    .addColumn("pence_per_hour", "integer", (c) => c.notNull())
    .addColumn("reward_pence", "integer", (c) => c.notNull())
    .addColumn("payment_method", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reward_entries_user_idx")
    .on("reward_entries")
    .columns(["user_id", "given_on"])
    .execute();
  await db.schema
    .createIndex("reward_entries_area_idx")
    .on("reward_entries")
    .columns(["area_id", "given_on"])
    .execute();

  await db.schema
    .createTable("training_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("expires_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("training_records_user_idx")
    .on("training_records")
    .columns(["user_id", "kind", "expires_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "training_records",
    "reward_entries",
    "participation_plans",
    "safeguarding_actions",
    "participant_assignments",
    "device_enrolment_codes",
    "devices",
    "area_targets",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("areas").dropColumn("reward_policy_note").execute();
  await db.schema.alterTable("areas").dropColumn("reward_pence_per_hour").execute();
  await db.schema.alterTable("areas").dropColumn("safeguarding_lead_id").execute();
}
