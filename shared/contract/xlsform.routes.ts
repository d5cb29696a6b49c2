import { route } from "./route.ts";
import type { XlsformExportReport, XlsformImportResponse } from "./xlsform.ts";

const editors = ["expert", "coordinator", "admin"] as const;

/**
 * XLSForm in and out, beside the editor (issue 19); the same people as the editor. `version` is a
 * published version's number or "draft" (the default).
 */
export const xlsformApi = {
  /**
   * An uploaded .xlsx (the body is the file itself, not JSON) becomes a new survey with a draft holding
   * the converted form; answers the draft and a report on every row. `id` names the new survey (from
   * the form's own id when not given; `survey_exists` when taken).
   */
  import: route("POST", "/api/editor/xlsform", editors, { status: 201 })
    .takes<{ query: { id?: string } }>()
    .answers<XlsformImportResponse>(),
  /** The version as an .xlsx file. */
  export: route("GET", "/api/editor/surveys/:id/xlsform", editors)
    .takes<{ query: { version?: string } }>()
    .answers<Response>(),
  /** What the XLSForm export of the version leaves out. */
  report: route("GET", "/api/editor/surveys/:id/xlsform-report", editors)
    .takes<{ query: { version?: string } }>()
    .answers<XlsformExportReport>(),
};
