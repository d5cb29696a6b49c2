import type { Context, Hono } from "hono";
import { DEVICE_HEADER, type Device } from "../../shared/contract/devices.ts";
import { lostDevicesApi } from "../../shared/contract/lost-devices.routes.ts";
import {
  DeviceManifestRequest,
  ReportFoundRequest,
  ReportLostRequest,
  WipedRequest,
} from "../../shared/contract/lost-devices.schema.ts";
import { LOST_REPORT_ARRIVED_LIMIT } from "../../shared/contract/lost-devices.ts";
import { inScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import { deleteUserSessions } from "../auth/sessions.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { checkSyncDevice } from "./device-check.ts";
import { findDevice } from "./devices.repository.ts";
import {
  arrivedFrom,
  findLostStateByToken,
  manifestState,
  markFound,
  markLost,
  markWiped,
  notUploaded,
  storeManifest,
} from "./lost-devices.repository.ts";

/**
 * A lost tablet (issue 17, docs/decisions/0036). Its area's coordinator (or the data manager) reports
 * it lost; from then on its token is refused everywhere with `device_lost` (`refuseLostDevices` in
 * device-check.ts), the tablet deletes every local store at its next contact and says so here, and the
 * coordinator sees what was on it: what it listed in its last manifest that never arrived, and what did
 * arrive. A tablet marked found stays withdrawn until it is enrolled again.
 */
export function lostDevicesRoutes(api: Hono<AppEnv>): void {
  /** The tablet's manifest: what it holds that the server may not have yet. */
  mount(api, lostDevicesApi.manifest, { body: DeviceManifestRequest }, async (c, { body: manifest }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const at = now();
    const device = await checkSyncDevice(db, c.req.header(DEVICE_HEADER), user, at);
    if (!device) throw new ProblemError("device_unknown");
    await db.transaction().execute((trx) => storeManifest(trx, device.id, manifest, at));
    return { reportedAt: at.toISOString() };
  });

  /**
   * The lost tablet says it deleted everything. It may have no session left (reporting it lost can end
   * them), so its token is the only credential; a token that is not a lost tablet's learns nothing.
   */
  mount(api, lostDevicesApi.wiped, { body: WipedRequest }, async (c) => {
    const { db, now } = c.get("deps");
    const token = c.req.header(DEVICE_HEADER) ?? "";
    const device = token !== "" && token.length <= 128 ? await findLostStateByToken(db, token) : undefined;
    if (!device?.lost) throw new ProblemError("device_unknown");
    const at = now();
    await db.transaction().execute(async (trx) => {
      if (!(await markWiped(trx, device.id, at))) return;
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: c.get("user")?.id ?? null,
        action: "device.wiped",
        target: device.id,
        deviceId: device.id,
        detail: { userId: device.userId },
      });
    });
    return { wipedAt: at.toISOString() };
  });

  mount(api, lostDevicesApi.lost, { body: ReportLostRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const device = await deviceInScope(c, params.id);
    const { reason, endSessions } = body;
    if (device.lostAt !== null && device.foundAt === null) return device;
    const at = now();
    await db.transaction().execute(async (trx) => {
      await markLost(trx, device.id, { by: user.id, reason, at });
      const sessionsEnded = endSessions ? await deleteUserSessions(trx, device.userId) : 0;
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.lost",
        target: device.id,
        deviceId: device.id,
        detail: { label: device.label, userId: device.userId, reason, sessionsEnded },
      });
    });
    return (await findDevice(db, device.id)) ?? device;
  });

  mount(api, lostDevicesApi.found, { body: ReportFoundRequest }, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const device = await deviceInScope(c, params.id);
    if (device.lostAt === null || device.foundAt !== null) throw new ProblemError("device_not_lost");
    const at = now();
    await db.transaction().execute(async (trx) => {
      await markFound(trx, device.id, user.id, at);
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.found",
        target: device.id,
        deviceId: device.id,
        detail: { label: device.label, userId: device.userId, wiped: device.wipedAt !== null },
      });
    });
    return (await findDevice(db, device.id)) ?? device;
  });

  /** What was on the tablet: participant codes and dates, never answers. Every read is audited. */
  mount(api, lostDevicesApi.report, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const device = await deviceInScope(c, params.id);
    const { reportedAt, omitted } = await manifestState(db, device.id);
    const waiting = await notUploaded(db, device.id);
    const { arrived, truncated } = await arrivedFrom(db, device, LOST_REPORT_ARRIVED_LIMIT);
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "device.lost_report",
      target: device.id,
      deviceId: device.id,
      detail: { notUploaded: waiting.length, arrived: arrived.length },
    });
    return { device, reportedAt, notUploaded: waiting, omitted, arrived, arrivedTruncated: truncated };
  });
}

/** A tablet of the caller's area (any for an administrator); another area's is answered as not found. */
async function deviceInScope(c: Context<AppEnv>, id: string): Promise<Device> {
  const user = requireUser(c.get("user"));
  const device = id.length <= 64 ? await findDevice(c.get("deps").db, id) : undefined;
  if (!device || !inScope(user, device.areaId)) throw new ProblemError("device_not_found");
  return device;
}
