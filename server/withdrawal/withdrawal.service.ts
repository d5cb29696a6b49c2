import type { Kysely } from "kysely";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import type {
  RecordWithdrawalRequest,
  RecordWithdrawalResponse,
  WithdrawalPreview,
} from "../../shared/contract/withdrawals.ts";
import { inScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import {
  deleteParticipantData,
  findWithdrawal,
  participantAreas,
  participantHome,
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
 * Who may act for a participant. The data manager (an administrator, no area) acts for anyone. A
 * coordinator acts for participants interviewed only in their own area, and for codes nobody has
 * uploaded yet (their interviews may still be on a tablet: the withdrawal makes those uploads
 * refused when they come). A participant seen in any other area, or whose withdrawal another area
 * recorded, is withdrawn by the data manager, who can see every area the deletion reaches
 * (docs/decisions/0025; before, one area's coordinator deleted every area's interviews).
 */
interface Standing {
  /** The participant's areas this user may see, with their interview counts. */
  own: { id: string; name: string; responses: number }[];
  /** Whether the participant is known in an area this user is not responsible for. */
  elsewhere: boolean;
}

async function standing(
  db: Kysely<Database>,
  user: SessionUser,
  participantCode: string,
  recordedArea: string | null,
): Promise<Standing & { all: { id: string; name: string; responses: number }[] }> {
  const all = await participantAreas(db, participantCode);
  if (user.areaId === null) return { all, own: all, elsewhere: false };
  const own = all.filter((a) => inScope(user, a.id));
  const home = await participantHome(db, participantCode);
  const elsewhere =
    all.some((a) => !inScope(user, a.id)) ||
    (home !== undefined && !inScope(user, home)) ||
    (recordedArea !== null && !inScope(user, recordedArea));
  return { all, own, elsewhere };
}

/**
 * What a withdrawal would touch. For a coordinator, a code known only in other areas reads exactly
 * like a code nobody has uploaded (same status, same body): the preview does not tell one area that a
 * participant exists in another. A participant of theirs who was also seen elsewhere is marked
 * `otherAreas`, without naming the area, so they know to ask the data manager.
 */
export async function previewWithdrawal(ctx: WithdrawalContext, rawCode: string): Promise<WithdrawalPreview> {
  const participantCode = canonical(rawCode);
  const found = (await findWithdrawal(ctx.db, participantCode)) ?? null;
  const { own, elsewhere } = await standing(ctx.db, ctx.user, participantCode, found?.areaId ?? null);
  const visible = own.length > 0 || !elsewhere;
  const withdrawal =
    found && (ctx.user.areaId === null || (found.areaId !== null && inScope(ctx.user, found.areaId)))
      ? found
      : null;
  return {
    participantCode,
    responses: own.reduce((sum, a) => sum + a.responses, 0),
    areas: own.map(({ id, name }) => ({ id, name })),
    withdrawal: visible ? withdrawal : null,
    otherAreas: own.length > 0 && elsewhere,
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
    // First, before anything that would tell whether another area knows this participant.
    const { all: areas, elsewhere } = await standing(
      trx,
      ctx.user,
      participantCode,
      existing?.areaId ?? null,
    );
    if (elsewhere) throw new ProblemError("withdrawal_needs_data_manager");
    // Recording a deletion again runs it again (it deletes anything that arrived since); keeping
    // cannot follow a deletion, and a second "keep" changes nothing.
    if (existing && body.choice === "keep_given") {
      throw new ProblemError(
        "already_withdrawn",
        `Recorded on ${existing.recordedAt.slice(0, 10)}: ${existing.choice === "delete_all" ? "all answers deleted" : "answers kept"}.`,
      );
    }
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
        // Every area the withdrawal reached, and in which capacity the person acted (decision 0025).
        areas: areas.map((a) => a.id),
        actingAs: ctx.user.areaId === null ? "data_manager" : "coordinator",
        ...(existing ? { previousChoice: existing.choice } : {}),
      },
    });
    const withdrawal = await findWithdrawal(trx, participantCode);
    if (!withdrawal) throw new Error(`withdrawal of ${participantCode} vanished`);
    return { withdrawal, responsesDeleted };
  });
}
