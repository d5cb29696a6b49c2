import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import { WIPED_PATH } from "../../shared/contract/lost-devices.ts";
import { inScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { Database } from "../db/schema.ts";
import type { AppEnv, SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { findDeviceByToken, hasEnrolledDevice, touchDevice } from "./devices.repository.ts";
import { findLostStateByToken, noteRefusal } from "./lost-devices.repository.ts";

/**
 * The sync endpoint's check of the `x-alongside-device` header (docs/decisions/0011-coordination.md).
 * No header: allowed for someone who never had a tablet enrolled (a browser, as before enrolment
 * existed); refused with `device_required` for someone who has, so a revoked tablet cannot upload by
 * leaving the header out. A header naming a revoked device, a device nobody enrolled, or a device of an
 * area outside the user's scope: the whole batch is refused with a problem that says why, and the
 * tablet keeps every interview. A good device is marked as seen.
 *
 * A token belongs to the enrolled tablet and its area (decision 0042, superseding the person binding
 * of 0025): anyone signed in on it who works in that area (its peer researchers, its coordinator) may
 * use it, so several researchers share one tablet and its upload key; someone of another area is
 * refused with `device_other_area`. Revoked and lost tablets are refused whoever is signed in.
 * Answers the verified device, or null when there was no header.
 */
export async function checkSyncDevice(
  db: Kysely<Database>,
  token: string | undefined,
  user: SessionUser,
  now: Date,
): Promise<VerifiedDevice | null> {
  if (token === undefined || token === "") {
    if (await hasEnrolledDevice(db, user.id)) throw new ProblemError("device_required");
    return null;
  }
  const device = token.length <= 128 ? await findDeviceByToken(db, token) : undefined;
  if (!device) throw new ProblemError("device_unknown");
  // Reported lost: refused before anything else, and told nothing more (decision 0036).
  if (device.lost) throw new ProblemError("device_lost");
  if (device.revokedAt !== null) {
    throw new ProblemError("device_revoked", `It was withdrawn on ${device.revokedAt.slice(0, 10)}.`);
  }
  if (!inScope(user, device.areaId)) throw new ProblemError("device_other_area");
  // At most once a minute: a busy tablet does not turn every batch into an extra write.
  if (device.lastSeenAt === null || now.getTime() - Date.parse(device.lastSeenAt) >= 60_000) {
    await touchDevice(db, device.id, now);
  }
  return { id: device.id, areaId: device.areaId };
}

/** An enrolled tablet whose token the request carried, checked against its person and area. */
export interface VerifiedDevice {
  id: string;
  areaId: string;
}

/**
 * A tablet reported lost is refused on every API route, whatever it asks for and whoever is signed in
 * on it (docs/decisions/0036): any request carrying its token gets `device_lost` and nothing else,
 * before the route runs. The one exception is the tablet's report that it deleted everything. The
 * refusal is audited, at most once a minute per tablet.
 */
export function refuseLostDevices(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.req.header(DEVICE_HEADER);
    if (token === undefined || token === "" || token.length > 128 || c.req.path === WIPED_PATH) {
      return next();
    }
    const { db, now } = c.get("deps");
    const device = await findLostStateByToken(db, token);
    if (!device?.lost) return next();
    const at = now();
    if (await noteRefusal(db, device.id, at)) {
      await audit(db, {
        ...requestOrigin(c),
        at,
        actorId: c.get("user")?.id ?? null,
        action: "device.lost_refused",
        target: device.id,
        deviceId: device.id,
        detail: { method: c.req.method, path: c.req.path },
      });
    }
    throw new ProblemError("device_lost");
  };
}
