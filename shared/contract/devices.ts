import { z } from "zod";

/**
 * Tablets are enrolled by a code the coordinator's screen shows as a QR code. The code lives for a few
 * minutes, works once, and binds the tablet to a researcher and their area. The tablet trades it for a
 * device token, keeps that in localStorage under `DEVICE_TOKEN_KEY` and sends it on every sync in the
 * `DEVICE_HEADER` header. A revoked tablet's uploads are refused with `device_revoked` (and kept on
 * the tablet). A sync without the header is still taken: see docs/decisions on device enrolment.
 */
export const DEVICE_HEADER = "x-alongside-device";
export const DEVICE_TOKEN_KEY = "alongside.deviceToken";
export const ENROLMENT_CODE_MINUTES = 10;

/** `/enrol#code=…`: the address the QR code encodes, after the app's origin. */
export function enrolmentPath(code: string): string {
  return `/enrol#code=${encodeURIComponent(code)}`;
}

export const CreateEnrolmentCodeRequest = z.strictObject({
  userId: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(80),
});
export type CreateEnrolmentCodeRequest = z.infer<typeof CreateEnrolmentCodeRequest>;

export interface EnrolmentCode {
  /** `XXXXX-XXXXX`, shown once; typed on the tablet if its camera cannot read the QR code. */
  code: string;
  expiresAt: string;
  userId: string;
  userName: string;
  areaId: string;
  label: string;
}

/** Spaces, hyphens and case do not matter when a code is typed. */
export const EnrolDeviceRequest = z.strictObject({ code: z.string().min(1).max(40) });
export type EnrolDeviceRequest = z.infer<typeof EnrolDeviceRequest>;

export interface Device {
  id: string;
  label: string;
  userId: string;
  userName: string;
  areaId: string;
  enrolledAt: string;
  enrolledByName: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

export interface EnrolledDevice {
  device: Device;
  /** Kept by the tablet under `DEVICE_TOKEN_KEY`; only its hash is stored on the server. */
  token: string;
}

export interface DevicesResponse {
  devices: Device[];
}

export const DevicesQuery = z.strictObject({ areaId: z.string().min(1).max(64).optional() });

export const RevokeDeviceRequest = z.strictObject({
  /** For a lost or stolen tablet: also sign its researcher out everywhere, ending the tablet's session. */
  endSessions: z.boolean(),
});
export type RevokeDeviceRequest = z.infer<typeof RevokeDeviceRequest>;
