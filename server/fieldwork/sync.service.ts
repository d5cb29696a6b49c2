import type { Kysely } from "kysely";
import { makeProblem, type Problem } from "../../shared/contract/problems.ts";
import type { AnswerIssue, SyncItem, SyncOutcome, SyncRequest } from "../../shared/contract/sync.ts";
import { canonicalParticipantCode } from "../../shared/participant/code.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { inScope } from "../http/policy.ts";
import { findSurveyVersion, type SurveyVersionRow } from "../surveys/surveys.repository.ts";
import { contentHash } from "./content-hash.ts";
import {
  addConflictingRevision,
  findStoredResponse,
  insertResponse,
  revisionWithHash,
} from "./responses.repository.ts";
import type { ValidatorCache } from "./validator-cache.ts";

export interface SyncContext {
  db: Kysely<Database>;
  validators: ValidatorCache;
  user: SessionUser;
  now: Date;
}

/** An item that passed the envelope checks, with what storing it needs. */
interface Prepared {
  item: SyncItem;
  hash: string;
  issues: AnswerIssue[] | undefined;
}

/**
 * Stores a batch of completed interviews. Each item gets its own outcome; the whole batch is written in
 * one transaction, so a batch the device saw acknowledged is stored completely and one it did not see
 * acknowledged is either complete or absent, never half-stored. Expected outcomes are values: only a
 * surprise (the database failing) throws, and then nothing of the batch is kept and the device retries.
 */
export async function syncBatch(ctx: SyncContext, request: SyncRequest): Promise<SyncOutcome[]> {
  const receivedAt = ctx.now.toISOString();
  const outcomes: (SyncOutcome | undefined)[] = new Array(request.items.length);
  const prepared: (Prepared | undefined)[] = new Array(request.items.length);
  const versions = new Map<string, Promise<SurveyVersionRow | undefined>>();
  const areas = new Map<string, Promise<boolean>>();

  for (const [index, raw] of request.items.entries()) {
    const rejected = (problem: Problem) => {
      outcomes[index] = { id: raw.id, outcome: "rejected", problem };
    };
    const code = canonicalParticipantCode(raw.participantCode);
    if (!code) {
      rejected(
        makeProblem(
          "invalid_participant_code",
          `"${raw.participantCode}" has the wrong shape or check character.`,
        ),
      );
      continue;
    }
    const item: SyncItem = { ...raw, participantCode: code };
    if (!inScope(ctx.user, item.areaId)) {
      rejected(makeProblem("forbidden_area", `Area "${item.areaId}" is outside your scope.`));
      continue;
    }
    if (!(await memo(areas, item.areaId, () => areaExists(ctx.db, item.areaId)))) {
      rejected(makeProblem("area_not_found", `No area "${item.areaId}".`));
      continue;
    }
    const versionKey = `${item.surveyId}@${item.surveyVersion}`;
    const version = await memo(versions, versionKey, () =>
      findSurveyVersion(ctx.db, item.surveyId, item.surveyVersion),
    );
    if (!version) {
      rejected(makeProblem("survey_version_not_found", `No published version ${versionKey}.`));
      continue;
    }
    const stored = await findStoredResponse(ctx.db, item.id);
    // Validation is the costly step; a resend of something already stored does not need it.
    const issues = stored
      ? undefined
      : ctx.validators.validate(
          item.surveyId,
          item.surveyVersion,
          () => JSON.parse(version.definition),
          item.data,
        );
    prepared[index] = { item, hash: contentHash(item), issues };
  }

  await ctx.db.transaction().execute(async (trx) => {
    for (const [index, entry] of prepared.entries()) {
      if (entry) outcomes[index] = await store(trx, ctx, entry, receivedAt);
    }
  });

  const results = outcomes.map((o, i) => {
    if (!o) throw new Error(`sync item ${i} has no outcome`);
    return o;
  });
  await audit(ctx.db, {
    at: ctx.now,
    actorId: ctx.user.id,
    action: "sync.batch",
    target: request.deviceId ?? null,
    detail: tally(results),
  });
  return results;
}

async function store(
  db: Kysely<Database>,
  ctx: SyncContext,
  { item, hash, issues }: Prepared,
  receivedAt: string,
): Promise<SyncOutcome> {
  if (issues) {
    const inserted = await insertResponse(db, {
      item,
      hash,
      issues,
      submittedBy: ctx.user.id,
      deviceId: null,
      receivedAt,
    });
    if (inserted) {
      return issues.length > 0
        ? { id: item.id, outcome: "needs_review", receivedAt, issues }
        : { id: item.id, outcome: "accepted", receivedAt };
    }
  }
  // Already stored: by an earlier request, or by another server instance a moment ago.
  const stored = await findStoredResponse(db, item.id);
  if (!stored) throw new Error(`response ${item.id} vanished during sync`);
  if (stored.contentHash === hash || (await revisionWithHash(db, item.id, hash)) !== undefined) {
    return { id: item.id, outcome: "duplicate", receivedAt };
  }
  const revision = await addConflictingRevision(db, {
    item,
    hash,
    submittedBy: ctx.user.id,
    receivedAt,
    previousRevisions: stored.revisions,
  });
  return { id: item.id, outcome: "conflict", receivedAt, revision };
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

async function areaExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom("areas").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

function tally(results: SyncOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}
