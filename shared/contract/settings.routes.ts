import { route } from "./route.ts";
import type { SuppressionSettingRequest, SuppressionSettingResponse } from "./settings.ts";

/** The small-number threshold k, set by the data manager (admin). */
export const settingsApi = {
  suppression: route("GET", "/api/settings/suppression", ["admin"]).answers<SuppressionSettingResponse>(),
  setSuppression: route("PUT", "/api/settings/suppression", ["admin"])
    .takes<{ body: SuppressionSettingRequest }>()
    .answers<SuppressionSettingResponse>(),
};
