import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { mapImageLinks } from "../../shared/editor/easy-read-pictures.ts";
import type { Database } from "../db/schema.ts";

/**
 * A draft's Easy Read pictures, stored apart from its text (decision 0051). The draft row holds its
 * definition with each uploaded picture replaced by `alongside-stored-picture:<sha-256>`; the pictures
 * are rows of their own, one per picture. A save writes the text, adds only the pictures not yet
 * stored and removes those no longer used: a wording change no longer rewrites every picture.
 * Callers never see the stored form: `findDraftRow` puts the pictures back, so a draft read is
 * standard SurveyJS JSON with its pictures inside, as before. A draft stored before holds its pictures
 * in its text; it is read as it is and moved on its next save.
 */
const STORED_PICTURE = "alongside-stored-picture:";

/** The definition as the draft row stores it, and the pictures it names, by key. */
export function apartFromPictures(definition: unknown): { text: string; pictures: Map<string, string> } {
  const pictures = new Map<string, string>();
  const stored = mapImageLinks(definition, (link) => {
    if (!link.startsWith("data:")) return link;
    const key = createHash("sha256").update(link).digest("hex");
    pictures.set(key, link);
    return `${STORED_PICTURE}${key}`;
  });
  return { text: JSON.stringify(stored), pictures };
}

const CHUNK = 500;

/**
 * Makes the stored pictures of a draft exactly `pictures`: adds the missing ones, removes the unused.
 * Run in the transaction that wrote the draft row, after it: the row's lock keeps two saves apart.
 */
export async function storeDraftPictures(
  trx: Kysely<Database>,
  surveyId: string,
  pictures: ReadonlyMap<string, string>,
): Promise<void> {
  const held = await trx
    .selectFrom("survey_draft_pictures")
    .select("picture_key")
    .where("survey_id", "=", surveyId)
    .execute();
  const heldKeys = new Set(held.map((r) => r.picture_key));
  const missing = [...pictures].filter(([key]) => !heldKeys.has(key));
  for (let i = 0; i < missing.length; i += CHUNK) {
    await trx
      .insertInto("survey_draft_pictures")
      .values(
        missing
          .slice(i, i + CHUNK)
          .map(([key, dataUrl]) => ({ survey_id: surveyId, picture_key: key, data_url: dataUrl })),
      )
      .execute();
  }
  const unused = [...heldKeys].filter((key) => !pictures.has(key));
  for (let i = 0; i < unused.length; i += CHUNK) {
    await trx
      .deleteFrom("survey_draft_pictures")
      .where("survey_id", "=", surveyId)
      .where("picture_key", "in", unused.slice(i, i + CHUNK))
      .execute();
  }
}

/** The draft's definition from its stored text, each picture put back in its place. */
export async function withStoredPictures(
  db: Kysely<Database>,
  surveyId: string,
  text: string,
): Promise<Record<string, unknown>> {
  const definition = JSON.parse(text) as Record<string, unknown>;
  if (!text.includes(STORED_PICTURE)) return definition;
  const rows = await db
    .selectFrom("survey_draft_pictures")
    .select(["picture_key", "data_url"])
    .where("survey_id", "=", surveyId)
    .execute();
  const byKey = new Map(rows.map((r) => [r.picture_key, r.data_url]));
  return mapImageLinks(definition, (link) =>
    link.startsWith(STORED_PICTURE) ? (byKey.get(link.slice(STORED_PICTURE.length)) ?? link) : link,
  ) as Record<string, unknown>;
}
