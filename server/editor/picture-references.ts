import type { Kysely } from "kysely";
import { PICTURE_REFERENCE, withPicturesRestored } from "../../shared/editor/easy-read-pictures.ts";
import type { Database } from "../db/schema.ts";
import { ProblemError } from "../http/problem.ts";
import { loadDraftState } from "./draft-state.ts";

/**
 * The editor's ordinary save sends Easy Read pictures as references (decision 0043): each is put back
 * here from the stored draft, so the draft saved (and every version published from it) holds the
 * pictures themselves. A definition with no reference is returned as it is, without reading the draft.
 * A reference to a picture the stored draft does not hold is refused: nothing is saved.
 */
export async function restorePictureReferences<T>(
  db: Kysely<Database>,
  surveyId: string,
  definition: T,
): Promise<T> {
  if (!JSON.stringify(definition).includes(PICTURE_REFERENCE)) return definition;
  const { row } = await loadDraftState(db, surveyId);
  const restored = withPicturesRestored(definition, row.definition);
  if (restored.missing.length > 0) {
    throw new ProblemError(
      "picture_invalid",
      "A picture in this survey is no longer stored with the draft. Add it again in the Languages tab.",
      restored.missing.slice(0, 20).map((reference) => ({ path: ["definition"], message: reference })),
    );
  }
  return restored.definition as T;
}
