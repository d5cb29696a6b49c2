import {
  type DeviceManifest,
  MANIFEST_MAX_ITEMS,
  MANIFEST_PATH,
  type ManifestLine,
} from "../../shared/contract/lost-device-constants.ts";
import { listDrafts } from "./drafts.ts";
import { listOutbox } from "./outbox.ts";
import type { OutboxRecord } from "./records.ts";
import { deviceToken, type UploadAnswer, upload } from "./transport.ts";

/**
 * What this tablet holds that the server may not have: interviews in progress and every outbox item
 * without a stored receipt, one line each with its id, participant code, survey, wave and date. Never
 * answers, notes or debrief text. The newest `MANIFEST_MAX_ITEMS` are listed; the rest are counted.
 * (docs/decisions/0036: from these lines the server tells a coordinator what was on a lost tablet.)
 */
export async function buildManifest(): Promise<DeviceManifest> {
  const drafts = await listDrafts();
  const outbox = (await listOutbox()).filter((r) => r.receipt === null || r.receipt.outcome === "refused");
  const lines: ManifestLine[] = [
    ...drafts.map(
      (d): ManifestLine => ({
        id: d.id,
        kind: "draft",
        participantCode: d.setup.participantCode || null,
        surveyId: d.survey.id,
        wave: d.setup.wave,
        at: d.startedAt,
      }),
    ),
    ...outbox.map(lineFor),
  ];
  lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    lines: lines.slice(0, MANIFEST_MAX_ITEMS),
    omitted: Math.max(0, lines.length - MANIFEST_MAX_ITEMS),
  };
}

function lineFor(record: OutboxRecord): ManifestLine {
  const base = { id: record.id, at: record.queuedAt };
  switch (record.kind) {
    case "interview":
      return {
        ...base,
        kind: "interview",
        participantCode: record.item.participantCode,
        surveyId: record.item.surveyId,
        wave: record.item.wave,
      };
    case "concern":
      return {
        ...base,
        kind: "concern",
        participantCode: record.body.participantCode,
        surveyId: null,
        wave: null,
      };
    case "reschedule":
      return {
        ...base,
        kind: "reschedule",
        participantCode: record.body.participantCode,
        surveyId: record.body.surveyId,
        wave: record.body.wave,
      };
    case "debrief":
      return { ...base, kind: "debrief", participantCode: null, surveyId: null, wave: null };
  }
}

/**
 * Sends the manifest, when this tablet is enrolled. Answers what the server said, or null when there
 * is no token or the manifest could not be read; the caller goes on with its uploads either way
 * (a `device_lost` answer has already wiped the tablet, in the transport).
 */
export async function sendManifest(): Promise<UploadAnswer<unknown> | null> {
  if (!deviceToken()) return null;
  let manifest: DeviceManifest;
  try {
    manifest = await buildManifest();
  } catch {
    return null;
  }
  return upload(MANIFEST_PATH, manifest);
}
