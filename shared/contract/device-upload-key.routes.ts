import type { DeviceUploadKey } from "./device-upload-key.ts";
import { route } from "./route.ts";

/**
 * An enrolled tablet's upload key (docs/decisions/0035), through the same checks as an upload: a
 * signed-in researcher or coordinator of the tablet's area, on a tablet enrolled, not revoked, not
 * lost. A browser with no enrolment token gets `upload_key_needs_enrolment`. Never cached.
 */
export const uploadKeyApi = {
  get: route("POST", "/api/devices/upload-key", [
    "coordinator",
    "peer_researcher",
  ]).answers<DeviceUploadKey>(),
};
