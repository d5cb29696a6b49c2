import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Device upload keys (issue 17, docs/decisions/0035-tablet-key-management.md): one secret per
// enrolled tablet, made by the server the first time the tablet asks, given only to that tablet
// (its token, through the device check) and never stored on the tablet in usable form. It unlocks the
// tablet's outbox so finished interviews upload without anyone's PIN; refusing the tablet refuses it.
// - key: 32 random bytes, base64url;
// - key_id: a short random name the tablet records next to what it wrapped with the key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("device_upload_keys")
    .addColumn("device_id", "text", (c) => c.primaryKey().references("devices.id"))
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("device_upload_keys").execute();
}
