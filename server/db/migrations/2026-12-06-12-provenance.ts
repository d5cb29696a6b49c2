import { type Kysely, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Provenance (issue 14, findings 1, 4, 5, 6; docs/decisions/0025):
// - participants: the area a participant code first arrived in (its home). One row per code, so two
//   first uploads of one code from two areas at the same moment meet on the primary key and only one
//   wins. Filled from the stored responses: each code's earliest received interview.
// - areas.enrolled_tablets_only: "only enrolled tablets may upload". 0 for every area that exists
//   now (they keep today's behaviour); the application sets it on for each area it creates.
// - responses_device_idx: what was collected on one tablet, for the data manager.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("participants")
    .addColumn("participant_code", "text", (c) => c.primaryKey())
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id"))
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .execute();
  await sql`
    insert into participants (participant_code, area_id, first_seen_at)
    select r.participant_code, r.area_id, r.received_at
    from responses r
    where r.id = (
      select r2.id from responses r2
      where r2.participant_code = r.participant_code
      order by r2.received_at, r2.id
      limit 1
    )
  `.execute(db);

  await db.schema
    .alterTable("areas")
    .addColumn("enrolled_tablets_only", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createIndex("responses_device_idx")
    .on("responses")
    .columns(["device_id", "received_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_device_idx").execute();
  await db.schema.alterTable("areas").dropColumn("enrolled_tablets_only").execute();
  await db.schema.dropTable("participants").execute();
}
