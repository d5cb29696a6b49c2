import type { ExportableSurveysResponse, ExportStatus } from "./exports.ts";
import { route, trustedAnalysts } from "./route.ts";

/**
 * Exports, one row per interview with every answer: for trusted analysts under the data-sharing
 * agreement (docs/decisions/0024-who-sees-what.md). Free text stays with the data manager, and so
 * does an answer that does not fit its question's type.
 */
export const exportsApi = {
  list: route("GET", "/api/exports", trustedAnalysts).answers<ExportableSurveysResponse>(),
  /**
   * One file of one survey's export (`:file` is one of `exportFiles`), streamed as it is written, with
   * the number of responses in a header; audited before the first byte.
   */
  file: route("GET", "/api/exports/:surveyId/:file", trustedAnalysts)
    .takes<{ query: { areaId?: string; wave?: string; status?: ExportStatus } }>()
    .answers<Response>(),
};
