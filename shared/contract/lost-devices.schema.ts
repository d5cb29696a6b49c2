import { z } from "zod";
import {
  type DeviceManifest,
  LOST_REASON_MAX,
  MANIFEST_KINDS,
  MANIFEST_MAX_ITEMS,
  type ReportLostRequest as ReportLost,
} from "./lost-devices.ts";

/** What the server checks a tablet's manifest and the lost/found/wiped requests against (server only). */
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
}) satisfies z.ZodType<DeviceManifest>;

/** `POST /api/devices/:id/lost`. */
export const ReportLostRequest = z.strictObject({
  reason: z.string().trim().min(1).max(LOST_REASON_MAX),
  endSessions: z.boolean(),
}) satisfies z.ZodType<ReportLost>;

/** `POST /api/devices/:id/found`: no body needed; `{}` is accepted. */
export const ReportFoundRequest = z.strictObject({});

/** `POST /api/devices/wiped`, sent by the lost tablet with its token after deleting its stores. */
export const WipedRequest = z.strictObject({});
