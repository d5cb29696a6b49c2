import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application.
//
// - login_attempts: failed (and in-flight) sign-in attempts, so that every server instance sees the
//   same count when it decides whether an email or an address is locked out.
// - sessions.last_seen_at: for the idle timeout beside the absolute one.
// - audit_log.ip / user_agent / device_id: from which device an audited action came.
// SQLite takes one ADD COLUMN per ALTER TABLE, so each column has its own statement.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .execute();
  await db.schema
    .createIndex("login_attempts_email_idx")
    .on("login_attempts")
    .columns(["email", "at"])
    .execute();
  await db.schema.createIndex("login_attempts_ip_idx").on("login_attempts").columns(["ip", "at"]).execute();
  await db.schema.createIndex("login_attempts_at_idx").on("login_attempts").column("at").execute();

  await db.schema.alterTable("sessions").addColumn("last_seen_at", "text").execute();
  await db
    .updateTable("sessions")
    .set((eb: any) => ({ last_seen_at: eb.ref("created_at") }))
    .execute();

  await db.schema.alterTable("audit_log").addColumn("ip", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("device_id", "text").execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "at"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_idx").execute();
  await db.schema.dropIndex("audit_log_action_idx").execute();
  await db.schema.alterTable("audit_log").dropColumn("device_id").execute();
  await db.schema.alterTable("audit_log").dropColumn("user_agent").execute();
  await db.schema.alterTable("audit_log").dropColumn("ip").execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await db.schema.dropTable("login_attempts").execute();
}
