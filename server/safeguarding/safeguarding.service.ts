import type { Kysely } from "kysely";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import type { RaiseConcernRequest } from "../../shared/contract/safeguarding.ts";
import type { UploadReceipt } from "../../shared/contract/upload-receipt.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { findConcernRow, insertConcern } from "./concerns.repository.ts";

export interface RaiseContext {
  db: Kysely<Database>;
  user: SessionUser;
  now: Date;
  origin: { ip: string | null; userAgent: string | null };
}

/**
 * Stores a concern raised on a tablet, once. It may arrive long after it was written (the tablet was
 * offline) and more than once (an acknowledgement was lost): the same id with the same content answers
 * "duplicate". Who raised it is the signed-in uploader; the description never goes into the audit log.
 */
export async function raiseConcern(ctx: RaiseContext, body: RaiseConcernRequest): Promise<UploadReceipt> {
  assertAreaInScope(ctx.user, body.areaId);
  if (!(await findArea(ctx.db, body.areaId)))
    throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
  let participantCode: string | null = null;
  if (body.participantCode !== null) {
    participantCode = canonicalParticipantCode(body.participantCode);
    if (!participantCode)
      throw new ProblemError("invalid_participant_code", "Check the code against the card.");
  }
  const concern = {
    ...body,
    participantCode,
    raisedAt: new Date(body.raisedAt).toISOString(),
    raisedBy: ctx.user.id,
    receivedAt: ctx.now.toISOString(),
  };
  // The concern and its audit entry in one transaction: a crash between them would leave a concern
  // on no record, and the tablet's retry finds it stored and writes none.
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertConcern(trx, concern))) return false;
    await audit(trx, {
      at: ctx.now,
      actorId: ctx.user.id,
      action: "safeguarding.raise",
      target: concern.id,
      detail: { areaId: concern.areaId, urgency: concern.urgency },
      ...ctx.origin,
    });
    return true;
  });
  if (inserted) return { id: concern.id, outcome: "accepted", receivedAt: concern.receivedAt };
  const stored = await findConcernRow(ctx.db, concern.id);
  const same =
    stored !== undefined &&
    stored.area_id === concern.areaId &&
    stored.raised_at === concern.raisedAt &&
    stored.participant_code === concern.participantCode &&
    stored.urgency === concern.urgency &&
    stored.description === concern.description;
  if (!same) throw new ProblemError("record_conflict", "A different safeguarding concern has this id.");
  return { id: concern.id, outcome: "duplicate", receivedAt: stored.received_at };
}
