import type { SupportService } from "./area-settings.ts";

/**
 * `GET /api/areas/:id/support-services`: the list the distress protocol shows when an interview
 * stops. Coordinators keep it (`UpdateAreaSettingsRequest`); tablets cache it for use offline.
 */
export interface SupportServicesResponse {
  areaId: string;
  areaName: string;
  services: SupportService[];
  /**
   * The services in other languages, where a coordinator gave them (decision 0050): by language,
   * then by the service's name as the list has it. Absent when there are none.
   */
  translations?: Record<string, Record<string, SupportServiceWords>>;
}

/** A service's words in one language. The phone number is the same in every language: not here. */
export interface SupportServiceWords {
  name?: string | undefined;
  hours?: string | undefined;
  address?: string | undefined;
  notes?: string | undefined;
}

/**
 * `PUT /api/areas/:id/support-services/translations/:locale`: every service's words in one language,
 * keyed by the service's name as the list has it now. It replaces that language's whole set; an empty
 * object removes it. A name not on the list is refused. When a coordinator renames a service, its
 * translation no longer matches and the tablet shows the service as the coordinator wrote it: a
 * translation never stands for words it was not made from.
 */
export interface SetSupportServiceTranslationsRequest {
  /** At most `MAX_SUPPORT_SERVICES`. */
  services: Record<string, SupportServiceWords>;
}
