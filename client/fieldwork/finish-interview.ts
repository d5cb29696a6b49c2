import type { Me, SyncItem } from "../../shared/contract/index.ts";
import { administrationModeFor, finishAnswers } from "../../shared/fieldwork/endings.ts";
import { deleteDraft, interviewRecord, moveDraftToOutbox } from "../offline/drafts.ts";
import { requestPersistentStorage } from "../offline/persistent-storage.ts";
import type { DraftRecord } from "../offline/records.ts";
import { newResponseId } from "../offline/response-id.ts";
import { uploader } from "../offline/uploader.ts";
import { queueReschedule } from "./queue-records.ts";

/** How the interview screen ended, for the page that follows. */
export type EndedAs = "completed" | "declined" | "stopped" | "stopped_before_consent" | "rescheduled";

/**
 * Ends an interview: the draft becomes an outbox item (what is kept depends on how it ended, see
 * shared/fieldwork/endings.ts) in one transaction, and the uploader is woken.
 */
export async function finishInterview(
  draft: DraftRecord,
  data: Record<string, unknown>,
  stopped: boolean,
): Promise<EndedAs> {
  const finished = finishAnswers(data, stopped);
  const now = new Date().toISOString();
  if (!finished) {
    await moveDraftToOutbox(draft.id, null);
    return "stopped_before_consent";
  }
  const item: SyncItem = {
    id: draft.id,
    surveyId: draft.version.surveyId,
    surveyVersion: draft.version.version,
    participantCode: draft.setup.participantCode,
    wave: draft.setup.wave,
    areaId: draft.setup.areaId,
    startedAt: draft.startedAt,
    completedAt: now,
    administrationMode: administrationModeFor(draft.setup.administrationMode, draft.handedOver),
    // "completed" is the contract's default and is left out (shared/fieldwork/endings.ts).
    ...(finished.ending === "completed" ? {} : { ending: finished.ending }),
    ...(draft.setup.language ? { language: draft.setup.language } : {}),
    data: finished.data,
  };
  await moveDraftToOutbox(draft.id, interviewRecord(draft, item, now));
  uploader.kick();
  void requestPersistentStorage();
  return finished.ending;
}

/** "Not today" at the readiness check: the reschedule is queued and the draft (with no answers) goes. */
export async function rescheduleInterview(me: Me, draft: DraftRecord): Promise<EndedAs> {
  await queueReschedule(me, draft.version.title, {
    id: newResponseId(),
    surveyId: draft.version.surveyId,
    participantCode: draft.setup.participantCode,
    wave: draft.setup.wave,
    areaId: draft.setup.areaId,
    rescheduledAt: new Date().toISOString(),
  });
  await deleteDraft(draft.id);
  return "rescheduled";
}
