import type { Device } from "./devices.ts";
import type { DeviceManifest, LostReport, ManifestReceipt, ReportLostRequest } from "./lost-devices.ts";
import { fieldworkers, route } from "./route.ts";

/**
 * A lost tablet (issue 17, docs/decisions/0036). Its area's coordinator (or the data manager) reports
 * it lost; from then on its token is refused everywhere with `device_lost`, the tablet deletes every
 * local store at its next contact and says so (`wiped`), and the coordinator sees what was on it: what
 * it listed in its last manifest that never arrived, and what did arrive. A tablet marked found stays
 * withdrawn until it is enrolled again.
 */
export const lostDevicesApi = {
  /**
   * The tablet's manifest: what it holds that the server may not have yet (at most
   * `MANIFEST_MAX_ITEMS` lines and how many more), sent with its device token.
   */
  manifest: route("POST", "/api/devices/manifest", fieldworkers)
    .takes<{ body: DeviceManifest }>()
    .answers<ManifestReceipt>(),
  /**
   * The lost tablet says it deleted everything. It may have no session left, so its token is the only
   * credential; a token that is not a lost tablet's learns nothing (`device_unknown`).
   */
  wiped: route("POST", "/api/devices/wiped", "public")
    .takes<{ body: Record<string, never> }>()
    .answers<{ wipedAt: string }>(),
  lost: route("POST", "/api/devices/:id/lost", ["admin", "coordinator"])
    .takes<{ body: ReportLostRequest }>()
    .answers<Device>(),
  /** Revoked until enrolled again; 409 `device_not_lost` for a tablet not reported lost. */
  found: route("POST", "/api/devices/:id/found", ["admin", "coordinator"])
    .takes<{ body: Record<string, never> }>()
    .answers<Device>(),
  /** What was on the tablet: participant codes and dates, never answers. Every read is audited. */
  report: route("GET", "/api/devices/:id/lost-report", ["admin", "coordinator"]).answers<LostReport>(),
};
