import { type Kysely, PostgresAdapter, sql } from "kysely";
import { makeProblem, type Problem } from "../../shared/contract/problems.ts";
import type { AnswerIssue, SyncItem, SyncOutcome, SyncRequest } from "../../shared/contract/sync.ts";
import { issuesForEnding, withCanonicalEnding } from "../../shared/fieldwork/endings.ts";
import { canonicalParticipantCode } from "../../shared/participant/code.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { inScope } from "../http/policy.ts";
import { storeSyncedIndicatorsBatch } from "../outcomes/indicator-store.ts";
import { findSurveyVersion, type SurveyVersionRow } from "../surveys/surveys.repository.ts";
import { withdrawnAmong } from "../withdrawal/withdrawals.repository.ts";
import { contentHash } from "./content-hash.ts";
import {
  addConflictingRevision,
  findStoredIds,
  findStoredResponse,
  insertNewResponses,
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
  index: number;
  item: SyncItem;
  version: SurveyVersionRow;
  hash: string;
  /** Set when the id was not stored yet and this is its first occurrence in the batch. */
  issues: AnswerIssue[] | undefined;
}

/**
 * Stores a batch of completed interviews. Each item gets its own outcome; the whole batch is written in
 * one transaction, so a batch the device saw acknowledged is stored completely and one it did not see
 * acknowledged is either complete or absent, never half-stored. Expected outcomes are values: only a
 * surprise (the database failing) throws, and then nothing of the batch is kept and the device retries.
 *
 * The work per batch, not per item, is what keeps ingest fast: one query finds which ids are already
 * stored, survey-core validates the new ones (on every core, see ValidatorPool) before the transaction
 * opens, and one INSERT … ON CONFLICT DO NOTHING stores them. Ids that another request or server
 * instance stored a moment earlier come back as not inserted and are re-read like any resend.
 */
export async function syncBatch(ctx: SyncContext, request: SyncRequest): Promise<SyncOutcome[]> {
  const receivedAt = ctx.now.toISOString();
  const outcomes: (SyncOutcome | undefined)[] = new Array(request.items.length);
  const accepted = await checkEnvelopes(ctx, request.items, outcomes);

  const stored = await findStoredIds(
    ctx.db,
    accepted.map((p) => p.item.id),
  );
  // Validation is the costly step; a resend of something already stored does not need it.
  const seen = new Set<string>();
  const fresh: Prepared[] = [];
  for (const entry of accepted) {
    if (stored.has(entry.item.id) || seen.has(entry.item.id)) continue;
    seen.add(entry.item.id);
    fresh.push(entry);
  }
  await validate(ctx, fresh);

  // Outcomes decided inside the transaction are kept only once it commits: a retried attempt starts
  // again from the envelope checks' outcomes.
  const decided = await inTransaction(ctx.db, async (trx) => {
    const attempt = [...outcomes];
    await storeBatch(trx, ctx, accepted, fresh, attempt, receivedAt);
    return attempt;
  });

  const results = decided.map((o, i) => {
    if (!o) throw new Error(`sync item ${i} has no outcome`);
    return o;
  });
  await audit(ctx.db, {
    at: ctx.now,
    actorId: ctx.user.id,
    action: "sync.batch",
    target: request.deviceId ?? null,
    deviceId: request.deviceId ?? null,
    detail: tally(results),
  });
  return results;
}

/** Writes the batch in the transaction `trx` and fills in each stored or resent item's outcome. */
async function storeBatch(
  trx: Kysely<Database>,
  ctx: SyncContext,
  accepted: Prepared[],
  fresh: Prepared[],
  outcomes: (SyncOutcome | undefined)[],
  receivedAt: string,
): Promise<void> {
  await lockAggregates(trx, fresh);
  // Read inside the write transaction, so a withdrawal recorded while this batch was validated counts.
  const withdrawn = await withdrawnAmong(
    trx,
    accepted.map((entry) => entry.item.participantCode),
  );
  const inserted = await insertNewResponses(
    trx,
    fresh
      .filter((p) => !withdrawn.has(p.item.participantCode))
      .map((p) => ({
        item: p.item,
        hash: p.hash,
        issues: p.issues ?? [],
        submittedBy: ctx.user.id,
        deviceId: null,
        receivedAt,
      })),
  );
  const newlyStored: Prepared[] = [];
  for (const entry of accepted) {
    const { item, issues } = entry;
    if (withdrawn.has(item.participantCode)) {
      outcomes[entry.index] = {
        id: item.id,
        outcome: "rejected",
        problem: makeProblem("participant_withdrawn"),
      };
    } else if (issues && inserted.has(item.id)) {
      newlyStored.push(entry);
      outcomes[entry.index] =
        issues.length > 0
          ? { id: item.id, outcome: "needs_review", receivedAt, issues }
          : { id: item.id, outcome: "accepted", receivedAt };
    }
  }
  // By participant code: on PostgreSQL the batch locks its participants in that order, and
  // transactions that take them in one order cannot deadlock. One call writes the batch's indicator
  // rows and pairs with a few statements.
  newlyStored.sort(
    (a, b) => compare(a.item.participantCode, b.item.participantCode) || compare(a.item.id, b.item.id),
  );
  await storeSyncedIndicatorsBatch(
    trx,
    newlyStored.map(({ item, issues }) => ({
      item,
      reviewStatus: issues && issues.length > 0 ? "needs_review" : "received",
    })),
  );
  // Then resends, in batch order, so a later copy of an id in the same batch sees the earlier one.
  for (const entry of accepted) {
    if (!outcomes[entry.index]) outcomes[entry.index] = await storeResend(trx, ctx, entry, receivedAt);
  }
}

/**
 * New responses count into shared aggregate rows (indicator cells and pair cells, keyed by survey and
 * area among others), which two batches would update in different orders and so deadlock on
 * PostgreSQL. Their transactions first take a lock per survey and area they add to, in one order, so
 * batches for the same survey and area write in turn (across server instances too) and others at
 * once. SQLite has one writer anyway.
 */
async function lockAggregates(trx: Kysely<Database>, fresh: readonly Prepared[]): Promise<void> {
  if (fresh.length === 0 || !(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const keys = [...new Set(fresh.map((p) => `alongside:sync:${p.item.surveyId}:${p.item.areaId}`))].sort(
    compare,
  );
  for (const key of keys) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/**
 * PostgreSQL aborts one of two transactions that wait for each other (a deadlock: two batches counting
 * into the same aggregate rows in different orders) or that cannot be serialised. Nothing of an
 * aborted transaction is kept, so the batch is written again, a few times, before it fails.
 */
const TRANSIENT = new Set(["40P01", "40001"]);
const ATTEMPTS = 5;

async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code =
        typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
      if (attempt >= ATTEMPTS || typeof code !== "string" || !TRANSIENT.has(code)) throw error;
      // A short, random pause, so the two do not meet again at once.
      await new Promise((resume) => setTimeout(resume, Math.random() * 10 * attempt));
    }
  }
}

/** Rejects what cannot be stored (bad code, area, survey version); returns the rest with their hashes. */
async function checkEnvelopes(
  ctx: SyncContext,
  items: SyncRequest["items"],
  outcomes: (SyncOutcome | undefined)[],
): Promise<Prepared[]> {
  const versions = new Map<string, Promise<SurveyVersionRow | undefined>>();
  const areas = new Map<string, Promise<boolean>>();
  const accepted: Prepared[] = [];
  for (const [index, raw] of items.entries()) {
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
    const item: SyncItem = withCanonicalEnding({ ...raw, participantCode: code });
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
    accepted.push({ index, item, hash: contentHash(item), issues: undefined, version });
  }
  return accepted;
}

/** Validates new items, all those of one survey version in one call, and sets their issues. */
async function validate(ctx: SyncContext, fresh: Prepared[]): Promise<void> {
  const groups = new Map<string, [Prepared, ...Prepared[]]>();
  for (const entry of fresh) {
    const key = `${entry.item.surveyId}@${entry.item.surveyVersion}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const [first] = group;
      const results = await ctx.validators.validateAll(
        first.item.surveyId,
        first.item.surveyVersion,
        first.version.definition,
        group.map((entry) => entry.item.data),
      );
      group.forEach((entry, i) => {
        entry.issues = issuesForEnding(entry.item, results[i] ?? []);
      });
    }),
  );
}

/** An id already stored: by an earlier request, earlier in this batch, or by another instance just now. */
async function storeResend(
  db: Kysely<Database>,
  ctx: SyncContext,
  { item, hash }: Prepared,
  receivedAt: string,
): Promise<SyncOutcome> {
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tally(results: SyncOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}
