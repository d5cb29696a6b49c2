import type {
  Me,
  RaiseConcernRequest,
  RescheduleRequest,
  SubmitDebriefRequest,
} from "../../shared/contract/index.ts";
import { queue } from "../offline/outbox.ts";
import type { ConcernRecord, DebriefRecord, Owner, RescheduleRecord } from "../offline/records.ts";
import { uploader } from "../offline/uploader.ts";

/**
 * Puts a concern, a debrief or a reschedule in the outbox and wakes the uploader. Saved on the tablet
 * first, always: the upload happens whenever there is a connection.
 */
function owner(me: Me): Owner {
  return { ownerId: me.id, ownerName: me.displayName };
}

const fresh = () => ({
  queuedAt: new Date().toISOString(),
  state: "waiting" as const,
  attempts: 0,
  lastError: null,
  receipt: null,
  settledAt: null,
});

export async function queueConcern(me: Me, body: RaiseConcernRequest): Promise<void> {
  const record: ConcernRecord = { kind: "concern", id: body.id, ...owner(me), ...fresh(), body };
  await queue(record);
  uploader.kick();
}

export async function queueDebrief(me: Me, body: SubmitDebriefRequest): Promise<void> {
  const record: DebriefRecord = { kind: "debrief", id: body.id, ...owner(me), ...fresh(), body };
  await queue(record);
  uploader.kick();
}

export async function queueReschedule(me: Me, surveyTitle: string, body: RescheduleRequest): Promise<void> {
  const record: RescheduleRecord = {
    kind: "reschedule",
    id: body.id,
    ...owner(me),
    ...fresh(),
    surveyTitle,
    body,
  };
  await queue(record);
  uploader.kick();
}
