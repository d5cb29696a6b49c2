import type { AreaSettings, SetAreaTargetsRequest, UpdateAreaSettingsRequest } from "./area-settings.ts";
import { route } from "./route.ts";

/**
 * An area as its coordinator runs it: name and region, the support services list, the safeguarding
 * lead, the reward policy, and targets per survey and wave. Creating areas stays with administrators
 * (`areasApi.create`). Each write answers the area's settings as they now are.
 */
export const areaSettingsApi = {
  get: route("GET", "/api/area-settings/:areaId", ["admin", "coordinator"]).answers<AreaSettings>(),
  /** The lead is one of the area's coordinators or an administrator (`person_not_eligible` otherwise). */
  update: route("PUT", "/api/area-settings/:areaId", ["admin", "coordinator"])
    .takes<{ body: UpdateAreaSettingsRequest }>()
    .answers<AreaSettings>(),
  /** Replaces the area's targets. */
  setTargets: route("PUT", "/api/area-settings/:areaId/targets", ["admin", "coordinator"])
    .takes<{ body: SetAreaTargetsRequest }>()
    .answers<AreaSettings>(),
};
