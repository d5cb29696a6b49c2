import { setImmediate as nextTurn } from "node:timers/promises";
import { type Kysely, PostgresAdapter } from "kysely";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import { makeProblem, type Problem } from "../../shared/contract/problems.ts";
import type { AnswerIssue, SyncItem, SyncOutcome, SyncRequest } from "../../shared/contract/sync.ts";
import { issuesForEnding, withCanonicalEnding } from "../../shared/fieldwork/endings.ts";
import { isLocaleKey, localesIn, mainLocale } from "../../shared/survey/locales.ts";
import { inScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import type { Database } from "../db/schema.ts";
import type { VerifiedDevice } from "../devices/device-check.ts";
import type { SessionUser } from "../http/app-env.ts";
import {
  type PreparedIndicators,
  prepareSyncedIndicators,
  storeSyncedIndicatorsBatch,
} from "../outcomes/ingest/indicator-store.ts";
import { findSurveyVersion, type SurveyVersionRow } from "../surveys/surveys.repository.ts";
import { withdrawnAmong } from "../withdrawal/withdrawals.repository.ts";
import { contentHash } from "./content-hash.ts";
import { lastScheduledWaves, plausibilityIssues } from "./plausibility.ts";
import {
  addConflictingRevision,
  claimParticipants,
  findStoredIds,
  findStoredResponse,
  insertNewResponses,
  presentIn,
  revisionWithHash,
  type StoredResponse,
} from "./responses.repository.ts";
import type { ValidatorCache } from "./validator-cache.ts";

export interface SyncContext {
  db: Kysely<Database>;
  validators: ValidatorCache;
  user: SessionUser;
  now: Date;
  /** The enrolled tablet the request came from, verified by its token (device-check.ts); absent: none. */
  device?: VerifiedDevice | null;
}

/** An item that passed the envelope checks, with what storing it needs. */
interface Prepared {
  index: number;
  item: SyncItem;
  version: SurveyVersionRow;
  hash: string;
  /** Set when the id was not stored yet and this is its first occurrence in the batch. */
  issues: AnswerIssue[] | undefined;
  /** The interview's language: as sent, or the version's main language when the tablet sent none. */
  language: string;
  /** False when the version has no text in that language (stored, flagged for review: decision 0037). */
  languageOffered: boolean;
  /**
   * Who is recorded as having made it: the interviewer the tablet named when they are a researcher of
   * the item's area today, otherwise the uploader (decision 0049). Set by `settleInterviewers`.
   */
  submittedBy: string;
  /** The tablet named an interviewer who cannot be recorded (unknown, another area, removed). */
  interviewerRefused: boolean;
}

/**
 * Stores a batch of completed interviews. Each item gets its own outcome; the whole batch is written in
 * one transaction, so a batch the device saw acknowledged is stored completely and one it did not see
 * acknowledged is either complete or absent, never half-stored. Expected outcomes are values: only a
 * surprise (the database failing) throws, and then nothing of the batch is kept and the device retries.
 *
 * The work per batch, not per item, is what keeps ingest fast: one query finds which ids are already
 * stored, survey-core validates the new ones (on every core, see ValidatorPool) and their indicator
 * rows are built before the transaction opens, and one INSERT … ON CONFLICT DO NOTHING stores them.
 * Ids that another request or server instance stored a moment earlier come back as not inserted and
 * are re-read like any resend.
 */
export async function syncBatch(ctx: SyncContext, request: SyncRequest): Promise<SyncOutcome[]> {
  const receivedAt = ctx.now.toISOString();
  const outcomes: (SyncOutcome | undefined)[] = new Array(request.items.length);
  // On PostgreSQL each step before the transaction is milliseconds of this thread's time with no I/O
  // in between. Between them the batch lets the event loop turn, so that a batch holding its area's
  // lock (decision 0017) has its next statement sent without waiting behind all of another batch's
  // preparation. SQLite's calls never wait for I/O, so there is no holder to let through there: a
  // turn would only let more batches be parsed at once, and hold more memory.
  const yieldTurn = ctx.db.getExecutor().adapter instanceof PostgresAdapter ? nextTurn : async () => {};
  await yieldTurn();
  const accepted = await checkEnvelopes(ctx, request.items, outcomes);
  await settleInterviewers(ctx, accepted);
  await yieldTurn();

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
  await checkPlausibility(ctx, fresh);
  checkLanguages(fresh);
  flagRefusedInterviewers(fresh);
  await yieldTurn();
  // Built here for every new item; the transaction keeps those of the items it actually inserts.
  const indicators = await prepareSyncedIndicators(
    ctx.db,
    fresh.map(({ item, issues }) => ({
      item,
      reviewStatus: issues && issues.length > 0 ? "needs_review" : "received",
    })),
  );
  await yieldTurn();

  // Outcomes decided inside the transaction are kept only once it commits: a retried attempt starts
  // again from the envelope checks' outcomes.
  return inTransaction(ctx.db, async (trx) => {
    const attempt = [...outcomes];
    return storeBatch(trx, ctx, { accepted, fresh, indicators }, attempt, receivedAt);
  });
}

/** What a batch brings to its transaction, all of it worked out before the transaction opens. */
interface BatchWork {
  /** Items that passed the envelope checks, in batch order. */
  accepted: Prepared[];
  /** Those not stored yet (first occurrence of each id), validated. */
  fresh: Prepared[];
  /** The indicator rows of the fresh items. */
  indicators: PreparedIndicators[];
}

/**
 * Writes the batch in the transaction `trx` and fills in each stored or resent item's outcome.
 *
 * The order matters on PostgreSQL. First what concerns only the batch's own responses: their rows
 * (in id order, so two instances inserting the same batch wait for each other instead of
 * deadlocking), the resends and the audit entry. Last, the indicator rows, which count into
 * aggregate rows shared by every batch of the same survey and area: `storeSyncedIndicatorsBatch`
 * takes that area's lock, which is then held only for those rows and the commit, and the holder never
 * waits for a row that a batch waiting for the lock holds (decision 0017).
 */
async function storeBatch(
  trx: Kysely<Database>,
  ctx: SyncContext,
  { accepted, fresh, indicators }: BatchWork,
  outcomes: (SyncOutcome | undefined)[],
  receivedAt: string,
): Promise<SyncOutcome[]> {
  // Read inside the write transaction, so a withdrawal recorded while this batch was validated counts.
  const withdrawn = await withdrawnAmong(
    trx,
    accepted.map((entry) => entry.item.participantCode),
  );
  const candidates = fresh.filter((p) => !withdrawn.has(p.item.participantCode));
  const elsewhere = await participantsElsewhere(trx, ctx, candidates);
  // A later copy of a refused id in the same batch is refused with it (nothing is stored under it).
  const refusedIds = new Set(candidates.filter((p) => elsewhere.has(p.index)).map((p) => p.item.id));
  const inserted = await insertNewResponses(
    trx,
    candidates
      .filter((p) => !elsewhere.has(p.index))
      .map((p) => ({
        item: p.item,
        hash: p.hash,
        issues: p.issues ?? [],
        language: p.language,
        submittedBy: p.submittedBy,
        deviceId: ctx.device?.id ?? null,
        receivedAt,
      })),
  );
  for (const entry of accepted) {
    const { item, issues } = entry;
    if (withdrawn.has(item.participantCode)) {
      outcomes[entry.index] = {
        id: item.id,
        outcome: "rejected",
        problem: makeProblem("participant_withdrawn"),
      };
    } else if (elsewhere.has(entry.index) || refusedIds.has(item.id)) {
      // Not naming the area, nor whether the code has interviews there (decision 0025).
      outcomes[entry.index] = {
        id: item.id,
        outcome: "rejected",
        problem: makeProblem("participant_other_area"),
      };
    } else if (issues && inserted.has(item.id)) {
      outcomes[entry.index] =
        issues.length > 0
          ? { id: item.id, outcome: "needs_review", receivedAt, issues }
          : { id: item.id, outcome: "accepted", receivedAt };
    }
  }
  // Then resends, in batch order, so a later copy of an id in the same batch sees the earlier one.
  for (const entry of accepted) {
    if (!outcomes[entry.index]) outcomes[entry.index] = await storeResend(trx, ctx, entry, receivedAt);
  }
  const results = outcomes.map((o, i) => {
    if (!o) throw new Error(`sync item ${i} has no outcome`);
    return o;
  });
  // In the batch's transaction: the batch and its audit entry are stored together or not at all, with
  // one commit (one flush to disk) between them. The device is the verified enrolled tablet, never
  // the `deviceId` the body claims (decision 0025).
  await audit(trx, {
    at: ctx.now,
    actorId: ctx.user.id,
    action: "sync.batch",
    target: ctx.device?.id ?? null,
    deviceId: ctx.device?.id ?? null,
    detail: tally(results),
  });
  await storeSyncedIndicatorsBatch(
    trx,
    indicators.filter((p) => inserted.has(p.id)),
  );
  return results;
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
  const areas = new Map<string, Promise<AreaRule | undefined>>();
  const languages = new Map<string, VersionLanguages>();
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
    const area = await memo(areas, item.areaId, () => areaRule(ctx.db, item.areaId));
    if (!area) {
      rejected(makeProblem("area_not_found", `No area "${item.areaId}".`));
      continue;
    }
    // A tablet's token is bound to its area; an area may take uploads from enrolled tablets only.
    if (ctx.device && ctx.device.areaId !== item.areaId) {
      rejected(makeProblem("device_other_area"));
      continue;
    }
    if (area.enrolledTabletsOnly && !ctx.device) {
      rejected(makeProblem("device_required_in_area"));
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
    // A value of the right length but not the shape of a language tag ("<script>", "=1+1", "default")
    // is not stored: nothing sensible can be filed under it. The tablet keeps the interview.
    if (item.language !== undefined && (item.language === "default" || !isLocaleKey(item.language))) {
      rejected(makeProblem("interview_language_invalid"));
      continue;
    }
    let offered = languages.get(versionKey);
    if (!offered) {
      offered = versionLanguages(version.definition);
      languages.set(versionKey, offered);
    }
    const language = item.language ?? offered.main;
    accepted.push({
      index,
      item,
      // Over the item as sent: a resend from a tablet older than languages hashes as it did before;
      // who made it is not content (a resend naming them or not is the same interview).
      hash: contentHash({ ...item, interviewer: undefined }),
      issues: undefined,
      version,
      language,
      languageOffered: offered.locales.has(language),
      submittedBy: ctx.user.id,
      interviewerRefused: false,
    });
  }
  return accepted;
}

/**
 * A shared tablet uploads every researcher's interviews under whoever is signed in, naming who made each
 * (`interviewer`, decision 0049). The named person is recorded as its maker only if they are, today, an
 * active account of the interview's area (a peer researcher or its coordinator); an unknown id, someone
 * of another area or a disabled (removed) account is not: the interview is still stored, never lost,
 * under the uploader, and flagged for review (`flagRefusedInterviewers`). One query per batch.
 */
async function settleInterviewers(ctx: SyncContext, accepted: Prepared[]): Promise<void> {
  const named = new Set<string>();
  for (const { item } of accepted) {
    if (item.interviewer !== undefined && item.interviewer !== ctx.user.id) named.add(item.interviewer);
  }
  if (named.size === 0) return;
  const rows = await ctx.db
    .selectFrom("users")
    .select(["id", "area_id", "role", "disabled"])
    .where("id", "in", [...named])
    .execute();
  const people = new Map(rows.map((row) => [row.id, row]));
  for (const entry of accepted) {
    const { interviewer, areaId } = entry.item;
    if (interviewer === undefined || interviewer === ctx.user.id) continue;
    const person = people.get(interviewer);
    const ofArea =
      person !== undefined &&
      Number(person.disabled) === 0 &&
      person.area_id === areaId &&
      (person.role === "peer_researcher" || person.role === "coordinator");
    if (ofArea) entry.submittedBy = interviewer;
    else entry.interviewerRefused = true;
  }
}

/** An interview whose named maker could not be recorded is stored under the uploader, for review. */
function flagRefusedInterviewers(fresh: Prepared[]): void {
  for (const entry of fresh) {
    if (!entry.interviewerRefused) continue;
    entry.issues = [
      ...(entry.issues ?? []),
      {
        question: "interviewer",
        message:
          "The tablet says another researcher made this interview, but that person is not a researcher of this area now (not known, of another area, or removed). It is recorded as sent by the person who uploaded it. Check with the area's researchers who made it.",
      },
    ];
  }
}

interface VersionLanguages {
  main: string;
  locales: Set<string>;
}

function versionLanguages(definition: string): VersionLanguages {
  const parsed: unknown = JSON.parse(definition);
  return { main: mainLocale(parsed), locales: new Set(localesIn(parsed)) };
}

/**
 * An interview in a language its version does not have is stored, never lost, and put to review with
 * the language as sent: the answers are values, the same in every language, but someone should ask
 * the tablet's researcher what the participant was shown (decision 0037).
 */
function checkLanguages(fresh: Prepared[]): void {
  for (const entry of fresh) {
    if (entry.languageOffered) continue;
    entry.issues = [
      ...(entry.issues ?? []),
      {
        question: "language",
        message: `This interview is recorded in a language this survey version does not have (${entry.language}). Check with the researcher which language the participant was shown.`,
      },
    ];
  }
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
  { item, hash, submittedBy }: Prepared,
  receivedAt: string,
): Promise<SyncOutcome> {
  const stored = await findStoredResponse(db, item.id);
  if (!stored) throw new Error(`response ${item.id} vanished during sync`);
  if (!mayResend(ctx, stored, item)) {
    // Neither "duplicate" nor "conflict": either would say the id is stored, and a conflict would
    // flag someone else's interview for review. The stored interview is not touched.
    return { id: item.id, outcome: "rejected", problem: makeProblem("interview_id_unavailable") };
  }
  if (stored.contentHash === hash || (await revisionWithHash(db, item.id, hash)) !== undefined) {
    return { id: item.id, outcome: "duplicate", receivedAt };
  }
  const revision = await addConflictingRevision(db, {
    item,
    hash,
    submittedBy,
    receivedAt,
    previousRevisions: stored.revisions,
  });
  return { id: item.id, outcome: "conflict", receivedAt, revision };
}

/**
 * A resend is the same interview sent again only from where it came from: the same area, and the
 * researcher who sent it, that area's coordinator (or the data manager), or the same enrolled tablet.
 */
function mayResend(ctx: SyncContext, stored: StoredResponse, item: SyncItem): boolean {
  if (stored.areaId !== item.areaId) return false;
  if (stored.submittedBy === ctx.user.id) return true;
  if (ctx.user.role === "coordinator" || ctx.user.role === "admin") return inScope(ctx.user, stored.areaId);
  return ctx.device != null && stored.deviceId === ctx.device.id;
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

interface AreaRule {
  enrolledTabletsOnly: boolean;
}

async function areaRule(db: Kysely<Database>, id: string): Promise<AreaRule | undefined> {
  const row = await db
    .selectFrom("areas")
    .select("enrolled_tablets_only")
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { enrolledTabletsOnly: Number(row.enrolled_tablets_only) === 1 };
}

/** Adds to each new item's issues what makes its times or wave implausible (plausibility.ts). */
async function checkPlausibility(ctx: SyncContext, fresh: Prepared[]): Promise<void> {
  if (fresh.length === 0) return;
  const lastWaves = await lastScheduledWaves(
    ctx.db,
    fresh.map((entry) => entry.item.surveyId),
  );
  for (const entry of fresh) {
    const found = plausibilityIssues(entry.item, ctx.now, lastWaves.get(entry.item.surveyId));
    if (found.length > 0) entry.issues = [...(entry.issues ?? []), ...found];
  }
}

/**
 * Which of these new items name a participant who lives in another area: the batch indexes to refuse.
 * A participant's area is where their code first arrived (`participants`, decision 0025). Each new
 * code is claimed for its item's area first (INSERT … ON CONFLICT DO NOTHING on the code's primary
 * key): when two areas upload one new code at the same moment, PostgreSQL makes the second insert
 * wait for the first transaction and then do nothing, and SQLite runs the two transactions one after
 * the other, so either way one area wins and the other is refused. Only the data manager (an
 * administrator, who has no area) may add a participant to a second area, e.g. someone who moved; an
 * area where the participant already has interviews stays open to that area's fieldworkers.
 */
async function participantsElsewhere(
  trx: Kysely<Database>,
  ctx: SyncContext,
  candidates: Prepared[],
): Promise<Set<number>> {
  const refused = new Set<number>();
  if (candidates.length === 0) return refused;
  const homes = await claimParticipants(
    trx,
    candidates.map((p) => ({ code: p.item.participantCode, areaId: p.item.areaId })),
    ctx.now.toISOString(),
  );
  if (ctx.user.areaId === null) return refused;
  const away = candidates.filter((p) => homes.get(p.item.participantCode) !== p.item.areaId);
  if (away.length === 0) return refused;
  const present = await presentIn(
    trx,
    away.map((p) => ({ code: p.item.participantCode, areaId: p.item.areaId })),
  );
  for (const p of away) {
    if (!present.has(`${p.item.participantCode}\u0000${p.item.areaId}`)) refused.add(p.index);
  }
  return refused;
}

function tally(results: SyncOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}
