import { lostDevicesApi } from "../../shared/contract/lost-devices.routes.ts";
import {
  type DeviceManifest,
  MANIFEST_MAX_ITEMS,
  type ManifestLine,
} from "../../shared/contract/lost-devices.ts";
import { isOnServer } from "../../shared/fieldwork/outbox-state.ts";
import { database } from "./db.ts";
import { listDrafts } from "./drafts.ts";
import { isSealedRecord, type StoredOutboxRecord, storedOutbox } from "./outbox.ts";
import type { OutboxRecord } from "./records.ts";
import type { SealedOutboxRecord } from "./space.ts";
import { deviceToken, type UploadAnswer, upload } from "./transport.ts";

/**
 * Opens a sealed outbox item for the manifest (the uploader's: the tablet's outbox private key, or the
 * signed-in researcher's own space), or null where it cannot.
 */
export type ManifestOpener = (sealed: SealedOutboxRecord) => Promise<OutboxRecord | null>;

/**
 * What this tablet holds that the server may not have: interviews in progress and every outbox item
 * without a stored receipt, one line each with its id, participant code, survey, wave and date. Never
 * answers, notes or debrief text. The newest `MANIFEST_MAX_ITEMS` are listed; the rest are counted.
 * (docs/decisions/0036: from these lines the server tells a coordinator what was on a lost tablet.)
 *
 * Sealed items (decision 0042) are read with `openSealed`, which the uploader gives with the tablet's
 * upload key; one it cannot open, and a draft sealed for a space that is locked, is still listed by
 * its id, kind and date, without its participant code.
 */
export async function buildManifest(openSealed: ManifestOpener = async () => null): Promise<DeviceManifest> {
  const drafts = await listDrafts();
  const readableDrafts = new Set(drafts.map((d) => d.id));
  const lockedDrafts = (await (await database()).getAll("drafts")).filter((d) => !readableDrafts.has(d.id));
  const pending = (await storedOutbox()).filter((r) => !isOnServer(r.state));
  const outbox = await Promise.all(pending.map(async (r) => [r, await readOutbox(r, openSealed)] as const));
  const lines: ManifestLine[] = [
    ...lockedDrafts.map(
      (d): ManifestLine => ({
        id: d.id,
        kind: "draft",
        participantCode: null,
        surveyId: null,
        wave: null,
        at: d.updatedAt,
      }),
    ),
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
    ...outbox.flatMap(([stored, record]): ManifestLine[] => {
      if (!record) return [envelopeLine(stored)];
      return record.receipt === null || record.receipt.outcome === "refused" ? [lineFor(record)] : [];
    }),
  ];
  lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    lines: lines.slice(0, MANIFEST_MAX_ITEMS),
    omitted: Math.max(0, lines.length - MANIFEST_MAX_ITEMS),
  };
}

async function readOutbox(
  stored: StoredOutboxRecord,
  openSealed: ManifestOpener,
): Promise<OutboxRecord | null> {
  if (!isSealedRecord(stored)) return stored;
  try {
    return await openSealed(stored);
  } catch {
    return null;
  }
}

/** A sealed item nobody here can open: what is readable of it. */
function envelopeLine(stored: StoredOutboxRecord): ManifestLine {
  return {
    id: stored.id,
    kind: stored.kind,
    participantCode: null,
    surveyId: null,
    wave: null,
    at: stored.queuedAt,
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
export async function sendManifest(openSealed?: ManifestOpener): Promise<UploadAnswer<unknown> | null> {
  if (!deviceToken()) return null;
  let manifest: DeviceManifest;
  try {
    manifest = await buildManifest(openSealed);
  } catch {
    return null;
  }
  return upload(lostDevicesApi.manifest, { body: manifest });
}
