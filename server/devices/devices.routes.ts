import type { Context, Hono } from "hono";
import { devicesApi } from "../../shared/contract/devices.routes.ts";
import {
  CreateEnrolmentCodeRequest,
  DevicesQuery,
  EnrolDeviceRequest,
  RevokeDeviceRequest,
  SetUploadRuleRequest,
} from "../../shared/contract/devices.schema.ts";
import {
  DEVICE_INTERVIEWS_LIMIT,
  ENROLMENT_CODE_MINUTES,
  type EnrolmentCode,
  type UploadRule,
} from "../../shared/contract/devices.ts";
import { assertAreaInScope, inScope, listArea, personInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import { deleteUserSessions } from "../auth/sessions.repository.ts";
import { newToken } from "../auth/tokens.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  enrolDevice,
  findDevice,
  findLiveEnrolmentCode,
  findUploadRule,
  insertEnrolmentCode,
  interviewsFromDevice,
  listDevices,
  revokeDevice,
  setUploadRule,
} from "./devices.repository.ts";
import { newEnrolmentCode } from "./enrolment-code.ts";

/** Who a tablet can be enrolled for: the people who do interviews in one area. */
const ENROLLABLE_ROLES = ["peer_researcher", "coordinator"];

/**
 * Tablet enrolment and revocation. A coordinator makes a short-lived code for a researcher (shown as a
 * QR code); the researcher, signed in on the tablet, trades it for a device token; the coordinator sees
 * the area's tablets and can revoke one, after which its uploads are refused (see device-check.ts).
 */
export function devicesRoutes(api: Hono<AppEnv>): void {
  mount(api, devicesApi.list, { query: DevicesQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    return { devices: await listDevices(c.get("deps").db, listArea(user, query.areaId)) };
  });

  mount(api, devicesApi.enrolmentCode, { body: CreateEnrolmentCodeRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const person = await personInScope(db, user, body.userId);
    if (!ENROLLABLE_ROLES.includes(person.role) || person.area_id === null || Number(person.disabled) === 1) {
      const message = "Enrol a tablet for an active peer researcher or coordinator of one area.";
      throw new ProblemError("person_not_eligible", message, [{ path: ["userId"], message }]);
    }
    const at = now();
    const code = newEnrolmentCode();
    const result = await db.transaction().execute(async (trx): Promise<EnrolmentCode> => {
      const expiresAt = await insertEnrolmentCode(trx, {
        code,
        userId: person.id,
        areaId: person.area_id as string,
        label: body.label,
        createdBy: user.id,
        at,
        minutes: ENROLMENT_CODE_MINUTES,
      });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.enrolment_code",
        target: person.id,
        detail: { label: body.label, areaId: person.area_id, expiresAt },
      });
      return {
        code,
        expiresAt,
        userId: person.id,
        userName: person.display_name,
        areaId: person.area_id as string,
        label: body.label,
      };
    });
    return result;
  });

  mount(api, devicesApi.enrol, { body: EnrolDeviceRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const at = now();
    const code = await findLiveEnrolmentCode(db, body.code, at);
    if (!code) throw new ProblemError("enrolment_code_invalid");
    if (code.userId !== user.id) throw new ProblemError("enrolment_code_other_user");
    const { token, id: tokenHash } = newToken();
    const deviceId = await db.transaction().execute(async (trx) => {
      const id = await enrolDevice(trx, code, tokenHash, at);
      if (id === undefined) return undefined;
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.enrol",
        target: id,
        deviceId: id,
        detail: { label: code.label, areaId: code.areaId, enrolledBy: code.createdBy },
      });
      return id;
    });
    const device = deviceId === undefined ? undefined : await findDevice(db, deviceId);
    if (!device) throw new ProblemError("enrolment_code_invalid");
    return { device, token };
  });

  mount(api, devicesApi.revoke, { body: RevokeDeviceRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = params.id;
    const device = id.length <= 64 ? await findDevice(db, id) : undefined;
    if (!device || !inScope(user, device.areaId)) throw new ProblemError("device_not_found");
    const { endSessions } = body;
    const at = now();
    await db.transaction().execute(async (trx) => {
      if (device.revokedAt === null) await revokeDevice(trx, device.id, user.id, at);
      const sessionsEnded = endSessions ? await deleteUserSessions(trx, device.userId) : 0;
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "device.revoke",
        target: device.id,
        deviceId: device.id,
        detail: {
          label: device.label,
          userId: device.userId,
          sessionsEnded,
          alreadyRevoked: device.revokedAt !== null,
        },
      });
    });
    const after = await findDevice(db, device.id);
    return after ?? device;
  });

  /**
   * What was collected on one tablet (a lost one, say): every interview stored from it, by id, survey,
   * wave and time received; never answers or participant codes. For the data manager only: a list of
   * interview ids is what a deletion or a check with the area needs, and nothing more (decision 0025).
   */
  mount(api, devicesApi.interviews, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = params.id;
    const device = id.length <= 64 ? await findDevice(db, id) : undefined;
    if (!device) throw new ProblemError("device_not_found");
    const { interviews, truncated } = await interviewsFromDevice(db, device.id, DEVICE_INTERVIEWS_LIMIT);
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "device.interviews",
      target: device.id,
      deviceId: device.id,
      detail: { rows: interviews.length, truncated },
    });
    return { device, interviews, truncated };
  });

  mount(api, devicesApi.uploadRule, {}, async (c, { params }) => uploadRuleInScope(c, params.areaId));

  mount(api, devicesApi.setUploadRule, { body: SetUploadRuleRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const before = await uploadRuleInScope(c, params.areaId);
    const { enrolledTabletsOnly } = body;
    if (enrolledTabletsOnly !== before.enrolledTabletsOnly) {
      await db.transaction().execute(async (trx) => {
        await setUploadRule(trx, before.areaId, enrolledTabletsOnly);
        await audit(trx, {
          ...requestOrigin(c),
          at: now(),
          actorId: user.id,
          action: "area.upload_rule",
          target: before.areaId,
          detail: { enrolledTabletsOnly },
        });
      });
    }
    return { areaId: before.areaId, enrolledTabletsOnly };
  });
}

async function uploadRuleInScope(c: Context<AppEnv>, areaId: string): Promise<UploadRule> {
  const user = requireUser(c.get("user"));
  assertAreaInScope(user, areaId);
  const rule = areaId.length <= 64 ? await findUploadRule(c.get("deps").db, areaId) : undefined;
  if (!rule) throw new ProblemError("area_not_found", `No area "${areaId}".`);
  return rule;
}
