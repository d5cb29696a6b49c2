import type { Kysely } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application.
//
// `named_in_public` on release sign-offs and expert notes: whether the person agreed to be named with
// it on a release's public link. A release's public link names nobody unless they chose to be named:
// being named there as an expert by experience of homelessness, offending, drug use or poor mental
// health says something about that person. People signed in to Alongside see the names either way.
// 0 (not named) for every row already stored: nobody was asked. Not null with a default, so an
// instance of the previous release can still insert during a rolling restart.

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["release_signoffs", "release_annotations"]) {
    await db.schema
      .alterTable(table)
      .addColumn("named_in_public", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["release_signoffs", "release_annotations"]) {
    await db.schema.alterTable(table).dropColumn("named_in_public").execute();
  }
}
