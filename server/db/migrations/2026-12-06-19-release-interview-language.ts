import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application.
//
// Releases can be broken down by interview language (issue 18). A later release is checked against
// every earlier one, including for the interviews that have gone since (withdrawn, or no longer
// counted): their answers are no longer known, but which figures they were in must be, and a
// language row of an earlier release holds only that language's interviews. So each release keeps
// the language of every interview it was computed from. Null for the releases stored before now,
// none of which could be broken down by language.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("release_interviews").addColumn("language", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("release_interviews").dropColumn("language").execute();
}
