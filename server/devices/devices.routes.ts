import { type Context, Hono } from "hono";
import {
  CreateEnrolmentCodeRequest,
  DevicesQuery,
  EnrolDeviceRequest,
  RevokeDeviceRequest,
  SetUploadRuleRequest,
} from "../../shared/contract/devices.schema.ts";
import {
  DEVICE_INTERVIEWS_LIMIT,
  type DeviceInterviews,
  type DevicesResponse,
  ENROLMENT_CODE_MINUTES,
  type EnrolledDevice,
  type EnrolmentCode,
  type UploadRule,
} from "../../shared/contract/devices.ts";
import { assertAreaInScope, inScope, listArea, personInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import { deleteUserSessions } from "../auth/sessions.repository.ts";
import { newToken } from "../auth/tokens.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
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
export function devicesRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/devices"), async (c) => {
    const user = requireUser(c.get("user"));
    const { areaId } = readQuery(c, DevicesQuery);
    const devices = await listDevices(c.get("deps").db, listArea(user, areaId));
    return c.json({ devices } satisfies DevicesResponse);
  });

  app.post("/enrolment-codes", allow("POST /api/devices/enrolment-codes"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, CreateEnrolmentCodeRequest);
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
    return c.json(result, 201);
  });

  app.post("/enrol", allow("POST /api/devices/enrol"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, EnrolDeviceRequest);
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
    return c.json({ device, token } satisfies EnrolledDevice, 201);
  });

  app.post("/:id/revoke", allow("POST /api/devices/:id/revoke"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = c.req.param("id");
    const device = id.length <= 64 ? await findDevice(db, id) : undefined;
    if (!device || !inScope(user, device.areaId)) throw new ProblemError("device_not_found");
    const { endSessions } = await readJson(c, RevokeDeviceRequest);
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
    return c.json(after ?? device);
  });

  /**
   * What was collected on one tablet (a lost one, say): every interview stored from it, by id, survey,
   * wave and time received; never answers or participant codes. For the data manager only: a list of
   * interview ids is what a deletion or a check with the area needs, and nothing more (decision 0025).
   */
  app.get("/:id/interviews", allow("GET /api/devices/:id/interviews"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = c.req.param("id");
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
    return c.json({ device, interviews, truncated } satisfies DeviceInterviews);
  });

  /** An area's rule "only enrolled tablets may upload" (on for areas created from 2026-12-06). */
  app.get("/upload-rules/:areaId", allow("GET /api/devices/upload-rules/:areaId"), async (c) => {
    return c.json(await uploadRuleInScope(c));
  });

  app.put("/upload-rules/:areaId", allow("PUT /api/devices/upload-rules/:areaId"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const before = await uploadRuleInScope(c);
    const { enrolledTabletsOnly } = await readJson(c, SetUploadRuleRequest);
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
    return c.json({ areaId: before.areaId, enrolledTabletsOnly } satisfies UploadRule);
  });

  return app;
}

async function uploadRuleInScope(c: Context<AppEnv>): Promise<UploadRule> {
  const user = requireUser(c.get("user"));
  const areaId = c.req.param("areaId") ?? "";
  assertAreaInScope(user, areaId);
  const rule = areaId.length <= 64 ? await findUploadRule(c.get("deps").db, areaId) : undefined;
  if (!rule) throw new ProblemError("area_not_found", `No area "${areaId}".`);
  return rule;
}
