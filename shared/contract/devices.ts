/**
 * Tablets are enrolled by a code the coordinator's screen shows as a QR code. The code lives for a few
 * minutes, works once, and binds the tablet to a researcher and their area. The tablet trades it for a
 * device token, keeps that in localStorage under `DEVICE_TOKEN_KEY` and sends it on every sync in the
 * `DEVICE_HEADER` header. A revoked tablet's uploads are refused with `device_revoked` (and kept on
 * the tablet). A sync without the header is still taken: see docs/decisions on device enrolment.
 *
 * Types and constants only, no zod, so the tablet's uploader loads this file; the server's checks of
 * these requests are `devices.schema.ts` (decision 0052).
 */
export const DEVICE_HEADER = "x-alongside-device";
export const DEVICE_TOKEN_KEY = "alongside.deviceToken";
export const ENROLMENT_CODE_MINUTES = 10;

/** `/enrol#code=…`: the address the QR code encodes, after the app's origin. */
export function enrolmentPath(code: string): string {
  return `/enrol#code=${encodeURIComponent(code)}`;
}

export interface CreateEnrolmentCodeRequest {
  userId: string;
  label: string;
}

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
export interface EnrolDeviceRequest {
  code: string;
}

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
  /** Reported lost (issue 17, decision 0036): its token is refused everywhere and it wipes itself. */
  lostAt: string | null;
  lostReason: string | null;
  /** Marked found again after being lost; it stays withdrawn until it is enrolled again. */
  foundAt: string | null;
  /** When the lost tablet said it had deleted everything (its word, sent at its next contact). */
  wipedAt: string | null;
}

export interface EnrolledDevice {
  device: Device;
  /** Kept by the tablet under `DEVICE_TOKEN_KEY`; only its hash is stored on the server. */
  token: string;
}

export interface DevicesResponse {
  devices: Device[];
}

export interface DevicesQuery {
  areaId?: string | undefined;
}

export interface RevokeDeviceRequest {
  /** For a lost or stolen tablet: also sign its researcher out everywhere, ending the tablet's session. */
  endSessions: boolean;
}

/**
 * An area's rule for uploads (`/api/devices/upload-rules/:areaId`): when on, an interview for the area
 * is stored only if it comes from a tablet enrolled for it; a browser's upload is refused per item
 * and kept where it is (docs/decisions/0025).
 */
export interface UploadRule {
  areaId: string;
  enrolledTabletsOnly: boolean;
}

export interface SetUploadRuleRequest {
  enrolledTabletsOnly: boolean;
}

/** One interview stored from a tablet, as the data manager sees it: what and when, never the answers. */
export interface DeviceInterview {
  id: string;
  surveyId: string;
  surveyVersion: number;
  wave: number;
  receivedAt: string;
}

/** `GET /api/devices/:id/interviews`: everything the server stored from one tablet, newest first. */
export interface DeviceInterviews {
  device: Device;
  interviews: DeviceInterview[];
  /** True when there were more than the listing holds (see `DEVICE_INTERVIEWS_LIMIT`). */
  truncated: boolean;
}

export const DEVICE_INTERVIEWS_LIMIT = 20_000;
