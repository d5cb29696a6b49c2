import { type Kysely, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Types are chosen to mean the same on SQLite and PostgreSQL.
//
// Interview language (issue 18, docs/decisions/0037): `responses.language` is the locale the
// participant was interviewed in ("pl", "ar", "en-easy", …). Nullable, so an instance of the previous
// release that inserts without it keeps working during a rolling restart; the application reads a
// missing language as the survey version's main language. Every interview stored before now was asked
// in its version's main language: its definition's `locale`, or English.

const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

function mainLocaleOf(definition: string): string {
  try {
    const locale = (JSON.parse(definition) as { locale?: unknown } | null)?.locale;
    return typeof locale === "string" && LOCALE.test(locale) ? locale : "en";
  } catch {
    return "en";
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("language", "text").execute();
  const versions = await db
    .selectFrom("survey_versions")
    .select(["survey_id", "version", "definition"])
    .execute();
  for (const v of versions) {
    await db
      .updateTable("responses")
      .set({ language: mainLocaleOf(String(v.definition)) })
      .where("survey_id", "=", v.survey_id)
      .where("survey_version", "=", v.version)
      .where("language", "is", null)
      .execute();
  }
  await sql`update responses set language = 'en' where language is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").dropColumn("language").execute();
}
