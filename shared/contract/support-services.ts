import type { SupportService } from "./area-settings.ts";

/**
 * `GET /api/areas/:id/support-services`: the list the distress protocol shows when an interview
 * stops. Coordinators keep it (`UpdateAreaSettingsRequest`); tablets cache it for use offline.
 */
export interface SupportServicesResponse {
  areaId: string;
  areaName: string;
  services: SupportService[];
}
