import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Device, DeviceInterview, UploadRule } from "../../shared/contract/devices.ts";
import { tokenId } from "../auth/tokens.ts";
import type { Database } from "../db/schema.ts";
import { normaliseEnrolmentCode } from "./enrolment-code.ts";

function deviceQuery(db: Kysely<Database>) {
  return db
    .selectFrom("devices")
    .innerJoin("users as person", "person.id", "devices.user_id")
    .innerJoin("users as enroller", "enroller.id", "devices.enrolled_by")
    .selectAll("devices")
    .select(["person.display_name as user_name", "enroller.display_name as enrolled_by_name"]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceQuery>["executeTakeFirstOrThrow"]>>;

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    label: row.label,
    userId: row.user_id,
    userName: row.user_name,
    areaId: row.area_id,
    enrolledAt: row.enrolled_at,
    enrolledByName: row.enrolled_by_name,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    lostAt: row.lost_at,
    lostReason: row.lost_reason,
    foundAt: row.found_at,
    wipedAt: row.wiped_at,
  };
}

/** Active devices first, then by most recent enrolment. */
export async function listDevices(db: Kysely<Database>, areaId: string | null): Promise<Device[]> {
  let query = deviceQuery(db).orderBy("devices.enrolled_at", "desc").orderBy("devices.id").limit(1000);
  if (areaId !== null) query = query.where("devices.area_id", "=", areaId);
  const devices = (await query.execute()).map(toDevice);
  return [...devices.filter((d) => d.revokedAt === null), ...devices.filter((d) => d.revokedAt !== null)];
}

export async function findDevice(db: Kysely<Database>, id: string): Promise<Device | undefined> {
  const row = await deviceQuery(db).where("devices.id", "=", id).executeTakeFirst();
  return row && toDevice(row);
}

export async function insertEnrolmentCode(
  db: Kysely<Database>,
  code: {
    code: string;
    userId: string;
    areaId: string;
    label: string;
    createdBy: string;
    at: Date;
    minutes: number;
  },
): Promise<string> {
  const expiresAt = new Date(code.at.getTime() + code.minutes * 60_000).toISOString();
  await db
    .insertInto("device_enrolment_codes")
    .values({
      id: tokenId(normaliseEnrolmentCode(code.code)),
      user_id: code.userId,
      area_id: code.areaId,
      label: code.label,
      created_by: code.createdBy,
      created_at: code.at.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return expiresAt;
}

export interface LiveEnrolmentCode {
  id: string;
  userId: string;
  areaId: string;
  label: string;
  createdBy: string;
}

/** A code that is neither used nor expired. */
export async function findLiveEnrolmentCode(
  db: Kysely<Database>,
  code: string,
  now: Date,
): Promise<LiveEnrolmentCode | undefined> {
  const row = await db
    .selectFrom("device_enrolment_codes")
    .select(["id", "user_id", "area_id", "label", "created_by"])
    .where("id", "=", tokenId(normaliseEnrolmentCode(code)))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      userId: row.user_id,
      areaId: row.area_id,
      label: row.label,
      createdBy: row.created_by,
    }
  );
}

/**
 * Uses the code up and enrols the device in one step. Answers undefined when the code was used by a
 * concurrent request a moment ago (only one of two racing exchanges gets a device).
 */
export async function enrolDevice(
  db: Kysely<Database>,
  code: LiveEnrolmentCode,
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  const id = randomUUID();
  const used = await db
    .updateTable("device_enrolment_codes")
    .set({ used_at: now.toISOString(), device_id: id })
    .where("id", "=", code.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return undefined;
  await db
    .insertInto("devices")
    .values({
      id,
      user_id: code.userId,
      area_id: code.areaId,
      label: code.label,
      token_hash: tokenHash,
      enrolled_at: now.toISOString(),
      enrolled_by: code.createdBy,
      revoked_at: null,
      revoked_by: null,
      last_seen_at: null,
    })
    .execute();
  return id;
}

export async function revokeDevice(db: Kysely<Database>, id: string, by: string, now: Date): Promise<void> {
  await db
    .updateTable("devices")
    .set({ revoked_at: now.toISOString(), revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export interface DeviceByToken {
  id: string;
  areaId: string;
  userId: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** Lost and not found again: refused with `device_lost` (decision 0036). */
  lost: boolean;
}

export async function findDeviceByToken(
  db: Kysely<Database>,
  token: string,
): Promise<DeviceByToken | undefined> {
  const row = await db
    .selectFrom("devices")
    .select(["id", "area_id", "user_id", "revoked_at", "last_seen_at", "lost_at", "found_at"])
    .where("token_hash", "=", tokenId(token))
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      areaId: row.area_id,
      userId: row.user_id,
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
      lost: row.lost_at !== null && row.found_at === null,
    }
  );
}

/** Whether a tablet was ever enrolled for this person (revoked ones count: the person uses tablets). */
export async function hasEnrolledDevice(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom("devices").select("id").where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

export async function touchDevice(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable("devices").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
}

/** Everything stored from one tablet, newest first: what and when, never the answers or the code. */
export async function interviewsFromDevice(
  db: Kysely<Database>,
  deviceId: string,
  limit: number,
): Promise<{ interviews: DeviceInterview[]; truncated: boolean }> {
  const rows = await db
    .selectFrom("responses")
    .select(["id", "survey_id", "survey_version", "wave", "received_at"])
    .where("device_id", "=", deviceId)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  return {
    interviews: rows.slice(0, limit).map((r) => ({
      id: r.id,
      surveyId: r.survey_id,
      surveyVersion: Number(r.survey_version),
      wave: Number(r.wave),
      receivedAt: r.received_at,
    })),
    truncated: rows.length > limit,
  };
}

export async function findUploadRule(db: Kysely<Database>, areaId: string): Promise<UploadRule | undefined> {
  const row = await db
    .selectFrom("areas")
    .select(["id", "enrolled_tablets_only"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  return row && { areaId: row.id, enrolledTabletsOnly: Number(row.enrolled_tablets_only) === 1 };
}

export async function setUploadRule(
  db: Kysely<Database>,
  areaId: string,
  enrolledTabletsOnly: boolean,
): Promise<void> {
  await db
    .updateTable("areas")
    .set({ enrolled_tablets_only: enrolledTabletsOnly ? 1 : 0 })
    .where("id", "=", areaId)
    .execute();
}
