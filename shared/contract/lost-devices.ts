import type { Device } from "./devices.ts";

/**
 * A lost tablet (issue 17, docs/decisions/0036). Types and constants only, no zod, so the tablet's
 * uploader loads this file; the server's checks are `lost-devices.schema.ts` (decision 0052).
 *
 * On every contact an enrolled tablet sends its manifest (`lostDevicesApi.manifest`): one line per thing it
 * holds that the server may not have yet (finished interviews, interviews in progress, safeguarding
 * concerns, reschedules, debriefs), with the participant code and a date but never an answer. From
 * those lines the server can tell a coordinator what was on a lost tablet and never arrived.
 *
 * A tablet reported lost is refused everywhere with the problem `device_lost`; it then deletes every
 * local store and tells the server at `WIPED_PATH` (best effort: the tablet's word, not a proof).
 */
export const WIPED_PATH = "/api/devices/wiped";

/** At most this many lines in one manifest (the newest); the rest are counted in `omitted`. */
export const MANIFEST_MAX_ITEMS = 300;

export const MANIFEST_KINDS = ["interview", "draft", "concern", "reschedule", "debrief"] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];

/** One thing the tablet holds: ids, a participant code and dates; never answers or notes. */
export interface ManifestLine {
  /** The id the tablet made for it (a response id for interviews and drafts). */
  id: string;
  kind: ManifestKind;
  participantCode: string | null;
  surveyId: string | null;
  wave: number | null;
  /** When it was started (a draft) or finished and queued (everything else). */
  at: string;
}

export interface DeviceManifest {
  lines: ManifestLine[];
  /** How many more the tablet holds than it listed (more than `MANIFEST_MAX_ITEMS`). */
  omitted: number;
}

/** Longest reason a coordinator can give when reporting a tablet lost. */
export const LOST_REASON_MAX = 500;

export interface ManifestReceipt {
  reportedAt: string;
}

/** `POST /api/devices/:id/lost`. */
export interface ReportLostRequest {
  reason: string;
  /** Also sign the tablet's researcher out everywhere (ends the session on the tablet too). */
  endSessions: boolean;
}

/** Something the tablet held that the server never received: the line its manifest gave for it. */
export type NotUploadedItem = ManifestLine;

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
