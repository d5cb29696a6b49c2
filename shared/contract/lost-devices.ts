import { z } from "zod";
import type { Device } from "./devices.ts";
import {
  LOST_REASON_MAX,
  MANIFEST_KINDS,
  MANIFEST_MAX_ITEMS,
  type ManifestKind,
} from "./lost-device-constants.ts";

export * from "./lost-device-constants.ts";

const ManifestLineSchema = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(MANIFEST_KINDS),
  participantCode: z.string().trim().min(1).max(32).nullable(),
  surveyId: z.string().min(1).max(100).nullable(),
  wave: z.number().int().min(0).max(1000).nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** `POST /api/devices/manifest`, sent by an enrolled tablet with its token. */
export const DeviceManifestRequest = z.strictObject({
  lines: z.array(ManifestLineSchema).max(MANIFEST_MAX_ITEMS),
  omitted: z.number().int().min(0).max(1_000_000),
});

export interface ManifestReceipt {
  reportedAt: string;
}

/** `POST /api/devices/:id/lost`. */
export const ReportLostRequest = z.strictObject({
  reason: z.string().trim().min(1).max(LOST_REASON_MAX),
  /** Also sign the tablet's researcher out everywhere (ends the session on the tablet too). */
  endSessions: z.boolean(),
});
export type ReportLostRequest = z.infer<typeof ReportLostRequest>;

/** `POST /api/devices/:id/found`: no body needed; `{}` is accepted. */
export const ReportFoundRequest = z.strictObject({});

/** `POST /api/devices/wiped`, sent by the lost tablet with its token after deleting its stores. */
export const WipedRequest = z.strictObject({});

/** Something the tablet held that the server never received. */
export interface NotUploadedItem {
  id: string;
  kind: ManifestKind;
  participantCode: string | null;
  surveyId: string | null;
  wave: number | null;
  /** When the tablet started or queued it. */
  at: string;
}

/** An interview the server did receive from the tablet. */
export interface ArrivedInterview {
  id: string;
  participantCode: string;
  surveyId: string;
  wave: number;
  receivedAt: string;
}

/**
 * `GET /api/devices/:id/lost-report`: what was on a tablet, for its area's coordinator and the data
 * manager. Codes and dates, never answers. `reportedAt` null: the tablet never sent a manifest, so
 * nothing can be said about what it held beyond what arrived.
 */
export interface LostReport {
  device: Device;
  reportedAt: string | null;
  notUploaded: NotUploadedItem[];
  /** Lines the tablet did not list at its last report because it held too many. */
  omitted: number;
  arrived: ArrivedInterview[];
  /** More interviews arrived than the listing holds (`LOST_REPORT_ARRIVED_LIMIT`). */
  arrivedTruncated: boolean;
}

export const LOST_REPORT_ARRIVED_LIMIT = 2000;
