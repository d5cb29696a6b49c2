import { createHmac } from "node:crypto";
import type { Hono } from "hono";
import { uploadKeyApi } from "../../shared/contract/device-upload-key.routes.ts";
import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { checkSyncDevice } from "./device-check.ts";
import { uploadKeyFor } from "./upload-key.repository.ts";

/**
 * `POST /api/devices/upload-key`: an enrolled tablet's upload key (docs/decisions/0035). The same
 * checks as an upload (device-check.ts): a signed-in researcher or coordinator of the tablet's area
 * on a tablet that is enrolled, not revoked and (once lost tablets are refused there) not lost. A
 * browser with no enrolment token gets `upload_key_needs_enrolment`: its outbox is unlocked by its
 * researchers' PINs instead. The key is never cached and never written to the audit log; its first
 * issue is audited.
 */
export function uploadKeyRoutes(api: Hono<AppEnv>): void {
  mount(api, uploadKeyApi.get, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const at = now();
    const device = await checkSyncDevice(db, c.req.header(DEVICE_HEADER), user, at);
    if (!device) throw new ProblemError("upload_key_needs_enrolment");
    const key = await uploadKeyFor(db, device.id, at);
    if (key.created) {
      await audit(db, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.upload_key",
        target: device.id,
        deviceId: device.id,
        detail: { keyId: key.keyId },
      });
    }
    c.header("cache-control", "no-store");
    return {
      deviceId: device.id,
      keyId: key.keyId,
      key: key.key,
      recoveryKey: recoveryKey(key.key, user.id),
    };
  });
}

/** One person's recovery key on one tablet: derived from the tablet's key, so nothing more is stored. */
function recoveryKey(deviceKey: string, userId: string): string {
  return createHmac("sha256", Buffer.from(deviceKey, "base64url"))
    .update(`recovery:${userId}`)
    .digest("base64url");
}
