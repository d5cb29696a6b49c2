import type { ImportSurveyResponse } from "./import.ts";
import { route } from "./route.ts";

/**
 * The server side of the editor's SurveyJS import (issue 16): a survey as SurveyJS wrote it in, the
 * prepared definition and a plain report of what was changed and why out. It refuses only what cannot
 * work after that (`import_refused`, each issue at its place in the JSON sent). Nothing is saved.
 */
export const importApi = {
  prepare: route("POST", "/api/editor/import", ["expert", "coordinator", "admin"])
    .takes<{ body: { definition: unknown } }>()
    .answers<ImportSurveyResponse>(),
};
