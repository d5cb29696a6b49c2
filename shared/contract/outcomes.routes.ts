import type { LiveView, OutcomeMapResponse, OutcomePageResponse } from "./outcomes.ts";
import { route, trustedAnalysts } from "./route.ts";

/**
 * The live outcome dashboards, for trusted analysts only (docs/decisions/0024-who-sees-what.md): exact
 * figures (`view=exact`, the default), or the page as it would be released (`view=released`: the
 * protection at the data manager's k, then the release rounding). Everyone else sees releases.
 */
export const outcomesApi = {
  /** The theory of change, each outcome's indicators with their latest figure (own area when scoped). */
  map: route("GET", "/api/outcomes/map", trustedAnalysts)
    .takes<{ query: { view?: LiveView } }>()
    .answers<OutcomeMapResponse>(),
  /**
   * One outcome's page. The query is `view` and the page's filters (`OutcomePageQuery`) as the page's
   * own address has them, so a filtered page can be bookmarked or shared. 404 `outcome_not_found`.
   */
  page: route("GET", "/api/outcomes/:outcomeId", trustedAnalysts)
    .takes<{ query: Record<string, string> }>()
    .answers<OutcomePageResponse>(),
};
