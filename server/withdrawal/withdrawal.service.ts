import type { Kysely } from "kysely";
import type {
  RecordWithdrawalRequest,
  RecordWithdrawalResponse,
  WithdrawalPreview,
} from "../../shared/contract/withdrawals.ts";
import { canonicalParticipantCode } from "../../shared/participant/code.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { inScope } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  deleteParticipantData,
  findWithdrawal,
  participantAreas,
  saveWithdrawal,
} from "./withdrawals.repository.ts";

export interface WithdrawalContext {
  db: Kysely<Database>;
  user: SessionUser;
  now: Date;
  origin: { ip: string | null; userAgent: string | null };
}

function canonical(code: string): string {
  const value = canonicalParticipantCode(code);
  if (!value) throw new ProblemError("invalid_participant_code");
  return value;
}

/**
 * A coordinator acts for participants interviewed in their area. The withdrawal then applies to the
 * participant everywhere: it is the person who withdraws, not one area's copy of them. A participant
 * with no stored responses yet (their interviews still on a tablet) may be withdrawn by any
 * coordinator, so that those uploads are refused when they come.
 */
function assertParticipantInScope(user: SessionUser, areas: { id: string }[], recordedArea: string | null) {
  if (user.areaId === null) return;
  const known = areas.length > 0 ? areas.map((a) => a.id) : recordedArea ? [recordedArea] : [];
  if (known.length > 0 && !known.some((id) => inScope(user, id))) {
    throw new ProblemError("forbidden_area", "This participant was interviewed outside your area.");
  }
}

export async function previewWithdrawal(ctx: WithdrawalContext, rawCode: string): Promise<WithdrawalPreview> {
  const participantCode = canonical(rawCode);
  const areas = await participantAreas(ctx.db, participantCode);
  const withdrawal = (await findWithdrawal(ctx.db, participantCode)) ?? null;
  assertParticipantInScope(ctx.user, areas, withdrawal?.areaId ?? null);
  return {
    participantCode,
    responses: areas.reduce((sum, a) => sum + a.responses, 0),
    areas: areas.map(({ id, name }) => ({ id, name })),
    withdrawal,
  };
}

/**
 * Records a withdrawal and, when the participant chose it, deletes everything they gave, all in one
 * transaction with the audit entry that is the only trace left: the code, the choice, the count.
 * "Keep" may later become "delete"; a recorded deletion cannot become "keep" (nothing is left), and
 * recording it again deletes whatever has arrived since, which closes the window in which an upload
 * checked just before the withdrawal committed could still be stored (docs/decisions/0006).
 */
export async function recordWithdrawal(
  ctx: WithdrawalContext,
  body: RecordWithdrawalRequest,
): Promise<RecordWithdrawalResponse> {
  const participantCode = canonical(body.participantCode);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findWithdrawal(trx, participantCode);
    // Recording a deletion again runs it again (it deletes anything that arrived since); keeping
    // cannot follow a deletion, and a second "keep" changes nothing.
    if (existing && body.choice === "keep_given") {
      throw new ProblemError(
        "already_withdrawn",
        `Recorded on ${existing.recordedAt.slice(0, 10)}: ${existing.choice === "delete_all" ? "all answers deleted" : "answers kept"}.`,
      );
    }
    const areas = await participantAreas(trx, participantCode);
    assertParticipantInScope(ctx.user, areas, existing?.areaId ?? null);
    const responsesDeleted =
      body.choice === "delete_all" ? await deleteParticipantData(trx, participantCode) : 0;
    const saved = await saveWithdrawal(trx, {
      participantCode,
      choice: body.choice,
      areaId: ctx.user.areaId ?? areas[0]?.id ?? null,
      recordedBy: ctx.user.id,
      at: ctx.now,
      responsesDeleted,
      existing: existing !== undefined,
    });
    if (!saved) throw new ProblemError("already_withdrawn");
    await audit(trx, {
      ...ctx.origin,
      at: ctx.now,
      actorId: ctx.user.id,
      action: "participant.withdraw",
      target: participantCode,
      detail: {
        choice: body.choice,
        responsesDeleted,
        ...(existing ? { previousChoice: existing.choice } : {}),
      },
    });
    const withdrawal = await findWithdrawal(trx, participantCode);
    if (!withdrawal) throw new Error(`withdrawal of ${participantCode} vanished`);
    return { withdrawal, responsesDeleted };
  });
}
