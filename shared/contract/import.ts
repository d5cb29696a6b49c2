import { z } from "zod";
import type { DefinitionIssue } from "../editor/check-definition.ts";
import type { Rename } from "../editor/import-surveyjs.ts";
import { hasHostileKey, SurveyDefinition } from "./editor.ts";

/**
 * `POST /api/editor/import` (issue 16): a SurveyJS survey people already use, prepared for Alongside by
 * the same shared code the editor's import panel runs (`shared/editor/import-surveyjs.ts`). The body's
 * shape is checked like every definition (`SurveyDefinition`: depth, reserved keys, lists as survey-core
 * builds them, each wrong place named by its path).
 */
export const ImportSurveyRequest = z.strictObject({
  // Reserved keys are looked for in the JSON as sent: parsing it as a record would make a `__proto__`
  // key the object's prototype, and the key would no longer be seen.
  definition: z
    .unknown()
    .refine(
      (d) => !hasHostileKey(d),
      "The survey JSON uses a reserved key (__proto__, constructor or prototype).",
    )
    .pipe(SurveyDefinition),
});
export type ImportSurveyRequest = z.infer<typeof ImportSurveyRequest>;

export interface ImportSurveyResponse {
  /** The prepared draft definition, ready to save as a survey's draft. */
  definition: Record<string, unknown>;
  /** Every data name changed: old → new, the wording, and the question a column or item belongs to. */
  renames: Rename[];
  /** What was changed and why, in plain words, one line each. */
  changes: string[];
  /** Warnings that remain (nothing that stops a save). */
  warnings: DefinitionIssue[];
  questionCount: number;
}
