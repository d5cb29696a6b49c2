/**
 * A lost tablet (issue 17, docs/decisions/0036). Zod-free, so the tablet's uploader can load it
 * without the schemas (docs/decisions/0020).
 *
 * On every contact an enrolled tablet sends its manifest to `MANIFEST_PATH`: one line per thing it
 * holds that the server may not have yet (finished interviews, interviews in progress, safeguarding
 * concerns, reschedules, debriefs), with the participant code and a date but never an answer. From
 * those lines the server can tell a coordinator what was on a lost tablet and never arrived.
 *
 * A tablet reported lost is refused everywhere with the problem `device_lost`; it then deletes every
 * local store and tells the server at `WIPED_PATH` (best effort: the tablet's word, not a proof).
 */
export const MANIFEST_PATH = "/api/devices/manifest";
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
