import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import { publishFirstVersion, surveyExists } from "./surveys.repository.ts";

const InstrumentFile = z.object({
  id: SurveyId,
  title: z.string().min(1),
  description: z.string().default(""),
  definition: z.record(z.string(), z.unknown()),
});

/**
 * Publishes every instrument in `surveys/instruments/` that the database does not have yet, as
 * version 1. An instrument already in the database is left alone: published versions are immutable,
 * and later versions come from the editor.
 */
export async function loadInstruments(db: Kysely<Database>, directory: string, now: Date): Promise<string[]> {
  const names = (await readdir(directory)).filter((n) => n.endsWith(".json")).sort();
  const loaded: string[] = [];
  for (const name of names) {
    const raw: unknown = JSON.parse(await readFile(join(directory, name), "utf8"));
    const instrument = InstrumentFile.parse(raw);
    if (await surveyExists(db, instrument.id)) continue;
    const model = createSurveyModel(instrument.definition);
    if (model.jsonErrors?.length) {
      const messages = model.jsonErrors.map((e) => e.message).join("; ");
      throw new Error(`${name}: the survey JSON has errors: ${messages}`);
    }
    // Another server instance starting at the same moment may have published it since the check above.
    if (!(await publishFirstVersion(db, { ...instrument, fields: surveyFields(model) }, now))) continue;
    await audit(db, {
      at: now,
      actorId: null,
      action: "survey.publish",
      target: `${instrument.id}@1`,
    });
    loaded.push(instrument.id);
  }
  return loaded;
}
