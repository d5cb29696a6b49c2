import { z } from "zod";
import { SurveyDefinition } from "./editor.schema.ts";
import { hasHostileKey } from "./editor.ts";
import type { ImportSurveyRequest as ImportSurvey } from "./import.ts";

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
}) satisfies z.ZodType<ImportSurvey>;
