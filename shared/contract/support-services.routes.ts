import { fieldworkers, route } from "./route.ts";
import type { SetSupportServiceTranslationsRequest, SupportServicesResponse } from "./support-services.ts";

/** An area's support services, which the distress protocol signposts (beside the areas routes). */
export const supportServicesApi = {
  /** A tablet fetches it once online and keeps it, so the protocol can signpost with no connection. */
  get: route("GET", "/api/areas/:id/support-services", fieldworkers).answers<SupportServicesResponse>(),
  /**
   * The area's coordinator gives the services' words in one language (decision 0050), so the person is
   * signposted in the language of their interview. An empty `services` removes that language.
   */
  translate: route("PUT", "/api/areas/:id/support-services/translations/:locale", ["admin", "coordinator"])
    .takes<{ body: SetSupportServiceTranslationsRequest }>()
    .answers<SupportServicesResponse>(),
};
