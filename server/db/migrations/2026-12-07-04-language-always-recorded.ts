import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Decision 0050.
//
// 1. Every interview has its language. Migration 15 left `responses.language` nullable so that an
//    instance of the release before languages could still insert during a rolling restart; such an
//    interview was then read as English, whatever its version's main language. Here its version's main
//    language (the definition's `locale`, or English when it names none) is filled in for every stored
//    interview without one, and a trigger does the same for any later insert without one, on both
//    databases. The column stays nullable for those older instances; no row keeps a null.
// 2. `areas.support_service_translations`: the area's support services in other languages, a JSON
//    object `{ <locale>: { <service name>: { name?, hours?, address?, notes? } } }`.

const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

function mainLocaleOf(definition: string): string {
  try {
    const locale = (JSON.parse(definition) as { locale?: unknown } | null)?.locale;
    return typeof locale === "string" && locale !== "default" && LOCALE.test(locale) ? locale : "en";
  } catch {
    return "en";
  }
}

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("areas")
    .addColumn("support_service_translations", "text", (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  const versions = await db
    .selectFrom("responses")
    .innerJoin("survey_versions as v", (j) =>
      j.onRef("v.survey_id", "=", "responses.survey_id").onRef("v.version", "=", "responses.survey_version"),
    )
    .select(["v.survey_id", "v.version", "v.definition"])
    .where("responses.language", "is", null)
    .distinct()
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

  if (isPostgres(db)) {
    // An unreadable definition (never stored by the app) leaves English rather than failing the insert.
    await sql
      .raw(`CREATE FUNCTION responses_language_main() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE found text;
        BEGIN
          IF NEW.language IS NULL THEN
            BEGIN
              SELECT v.definition::jsonb ->> 'locale' INTO found FROM survey_versions v
                WHERE v.survey_id = NEW.survey_id AND v.version = NEW.survey_version;
            EXCEPTION WHEN others THEN found := NULL;
            END;
            NEW.language := CASE WHEN found IS NOT NULL AND found <> 'default'
              AND found ~* '^[a-z]{2,3}(-[a-z0-9]{2,8})*$' THEN found ELSE 'en' END;
          END IF;
          RETURN NEW;
        END $$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER responses_language_main BEFORE INSERT ON responses FOR EACH ROW
        WHEN (NEW.language IS NULL) EXECUTE FUNCTION responses_language_main()`)
      .execute(db);
  } else {
    // SQLite has no regular expressions: GLOB checks the same shape (letters first, then letters,
    // digits and hyphens), and the length keeps to BCP 47's 35.
    const locale = "json_extract(v.definition, '$.locale')";
    await sql
      .raw(`CREATE TRIGGER responses_language_main AFTER INSERT ON responses WHEN NEW.language IS NULL
        BEGIN
          UPDATE responses SET language = COALESCE((
            SELECT CASE WHEN json_valid(v.definition) AND json_type(v.definition, '$.locale') = 'text'
              AND ${locale} <> 'default' AND length(${locale}) BETWEEN 2 AND 35
              AND ${locale} GLOB '[A-Za-z][A-Za-z]*' AND ${locale} NOT GLOB '*[^A-Za-z0-9-]*'
              THEN ${locale} END
            FROM survey_versions v WHERE v.survey_id = NEW.survey_id AND v.version = NEW.survey_version
          ), 'en') WHERE id = NEW.id;
        END`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw("DROP TRIGGER IF EXISTS responses_language_main ON responses").execute(db);
    await sql.raw("DROP FUNCTION IF EXISTS responses_language_main()").execute(db);
  } else {
    await sql.raw("DROP TRIGGER IF EXISTS responses_language_main").execute(db);
  }
  await db.schema.alterTable("areas").dropColumn("support_service_translations").execute();
}
