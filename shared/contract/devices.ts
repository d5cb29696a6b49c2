import { z } from "zod";

// The header, storage key and enrolment address live in the zod-free device-constants.ts, which the
// tablet's uploader loads without the schemas (docs/decisions/0020).
export {
  DEVICE_HEADER,
  DEVICE_TOKEN_KEY,
  ENROLMENT_CODE_MINUTES,
  enrolmentPath,
} from "./device-constants.ts";

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

export const DevicesQuery = z.strictObject({ areaId: z.string().min(1).max(64).optional() });

export const RevokeDeviceRequest = z.strictObject({
  /** For a lost or stolen tablet: also sign its researcher out everywhere, ending the tablet's session. */
  endSessions: z.boolean(),
});
export type RevokeDeviceRequest = z.infer<typeof RevokeDeviceRequest>;

/**
 * An area's rule for uploads (`/api/devices/upload-rules/:areaId`): when on, an interview for the area
 * is stored only if it comes from a tablet enrolled for it; a browser's upload is refused per item
 * and kept where it is (docs/decisions/0025).
 */
export interface UploadRule {
  areaId: string;
  enrolledTabletsOnly: boolean;
}

export const SetUploadRuleRequest = z.strictObject({ enrolledTabletsOnly: z.boolean() });
export type SetUploadRuleRequest = z.infer<typeof SetUploadRuleRequest>;

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
