import { type Kysely, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Offline-first fieldwork around the peer interview (see docs/decisions/0013-interview-endings.md):
// - areas.support_services: the local services a researcher signposts to when an interview stops.
// - responses.ending: how an interview ended; "completed" for everything stored before this.
// - safeguarding_concerns and debriefs: kept apart from participant answers, never inside them.
// - follow_up_schedules: per survey, the days after baseline each follow-up wave is due.
// - interview_reschedules: a readiness check that ended in "not today", for the due lists; no answers.
// Every id that a tablet makes is a text UUID, so a resend after a lost acknowledgement is recognised.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("areas")
    .addColumn("support_services", "text", (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("ending", "text", (c) => c.notNull().defaultTo(sql`'completed'`))
    .execute();

  await db.schema
    .createTable("safeguarding_concerns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("raised_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("raised_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("participant_code", "text")
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("acknowledged_by", "text", (c) => c.references("users.id"))
    .addColumn("acknowledged_at", "text")
    .addColumn("action_taken", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema
    .createIndex("safeguarding_concerns_area_idx")
    .on("safeguarding_concerns")
    .columns(["area_id", "raised_at"])
    .execute();

  await db.schema
    .createTable("debriefs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("researcher_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("wellbeing", "integer", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("wants_support", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("debriefs_researcher_idx")
    .on("debriefs")
    .columns(["researcher_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("debriefs_area_idx")
    .on("debriefs")
    .columns(["area_id", "created_at"])
    .execute();

  // No foreign key to surveys: the default below is written before the instruments are loaded.
  await db.schema
    .createTable("follow_up_schedules")
    .addColumn("survey_id", "text", (c) => c.primaryKey())
    .addColumn("offsets_days", "text", (c) => c.notNull())
    .addColumn("grace_days", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();
  // The participant interview's design: baseline, then about 3, 6 and 12 months, each open two weeks either side.
  await db
    .insertInto("follow_up_schedules")
    .values({
      survey_id: "participant-interview",
      offsets_days: "[90,180,365]",
      grace_days: 14,
      updated_at: "2026-11-26T00:00:00.000Z",
      updated_by: null,
    })
    .execute();

  await db.schema
    .createTable("interview_reschedules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("participant_code", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("researcher_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("rescheduled_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("interview_reschedules_area_idx")
    .on("interview_reschedules")
    .columns(["area_id", "survey_id", "participant_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("interview_reschedules").execute();
  await db.schema.dropTable("follow_up_schedules").execute();
  await db.schema.dropTable("debriefs").execute();
  await db.schema.dropTable("safeguarding_concerns").execute();
  await db.schema.alterTable("responses").dropColumn("ending").execute();
  await db.schema.alterTable("areas").dropColumn("support_services").execute();
}
