import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type {
  ComposeReleaseRequest,
  ParticipantSummary,
  PublishedRelease,
  ReleaseAudience,
  ReleaseOutcome,
  ReleaseSignerRole,
  ReleaseSnapshot,
  ReleaseSummaryItem,
  ReleaseView,
  Unnamed,
} from "../../shared/contract/releases.ts";
import { analystRoles, isReleaseAnalyst, publicReleasePath } from "../../shared/contract/releases.ts";
import type { Role } from "../../shared/contract/roles.ts";
import {
  type CheckBudget,
  CheckTooLarge,
  cellKey,
  defaultCheckOptions,
} from "../../shared/disclosure/check-release.ts";
import { nodeById } from "../../shared/toc/theory-of-change.ts";
import type { Database } from "../db/schema.ts";
import { ProblemError } from "../http/problem.ts";
import { loadCatalogue } from "../outcomes/indicator-catalogue.ts";
import { processRefreshQueue } from "../outcomes/ingest/indicator-store.ts";
import { theoryOfChange } from "../outcomes/theory-of-change.ts";
import { suppressionThreshold } from "../settings/settings.repository.ts";
import { generateSummary } from "./participant-summary.ts";
import { readersCopy } from "./reader-snapshot.ts";
import { type CheckRead, readCheckData, sqliteFileOf } from "./release-check-read.ts";
import { checkInWorker, NothingToCheck } from "./release-check-thread.ts";
import {
  annotations,
  findRelease,
  keepShownSnapshot,
  type ReleaseRow,
  SHOWN_BEFORE,
  signOffs,
  storeSnapshot,
  userNames,
} from "./releases.repository.ts";

/**
 * The release workflow (docs/decisions/0022): compose → check → two sign-offs → publish, and who
 * may read what. Analysts of the whole study (admin, evaluators without an area) see every release;
 * experts see checked ones (they sign them off) and published ones for experts; coordinators, peer
 * researchers and the public see only published releases for their audience. An evaluator limited to
 * one area reads published releases only, as a reader: a release covers every area, and an analyst's
 * copy (why each figure is withheld) or a draft's figures would tell them about areas their agreement
 * does not cover.
 */

const isAnalyst = (role: Role) => analystRoles.includes(role);

/** Who is asking: their role, and the one area they are limited to, if any. */
export interface ReleaseViewer {
  role: Role;
  areaId: string | null;
}

/** Composing, checking and publishing show every area's figures: analysts of the whole study only. */
export function requireReleaseAnalyst(viewer: ReleaseViewer): void {
  if (isAnalyst(viewer.role) && !isReleaseAnalyst(viewer))
    throw new ProblemError(
      "forbidden_area",
      "A release covers every area, so only an analyst of the whole study can compose, check or publish one. You can read published releases.",
    );
}

const audienceOfRole: Partial<Record<Role, ReleaseAudience>> = {
  coordinator: "area_partnership",
  expert: "experts",
  peer_researcher: "participants",
};

export const compositionOf = (row: ReleaseRow) => JSON.parse(row.composition) as ComposeReleaseRequest;
export const snapshotOf = (row: ReleaseRow) =>
  row.snapshot ? (JSON.parse(row.snapshot) as ReleaseSnapshot) : null;
const summaryOf = (row: ReleaseRow) =>
  row.participant_summary ? (JSON.parse(row.participant_summary) as ParticipantSummary) : null;

/** May this person read this release at all? Anything else answers 404, so drafts are not even confirmed. */
export function canRead(viewer: ReleaseViewer, row: ReleaseRow): boolean {
  const { role } = viewer;
  // Kept for later checks only, never read as a release (releases.repository.ts).
  if (row.status === SHOWN_BEFORE) return false;
  if (isReleaseAnalyst(viewer)) return true;
  if (role === "expert" && row.status === "checked") return true;
  if (row.status !== "published") return false;
  // On the research team, limited to an area: every published release, as a reader.
  if (isAnalyst(role)) return true;
  const audience = audienceOfRole[role];
  return audience !== undefined && compositionOf(row).audiences.includes(audience);
}

export async function readableRelease(
  db: Kysely<Database>,
  id: string,
  viewer: ReleaseViewer,
): Promise<ReleaseRow> {
  const row = await findRelease(db, id);
  if (!row || !canRead(viewer, row)) throw new ProblemError("release_not_found");
  return row;
}

/** Checks the composition's references: the survey, the outcomes, the release it corrects. */
export async function validateComposition(
  db: Kysely<Database>,
  c: ComposeReleaseRequest,
  self: string | null,
) {
  const survey = await db
    .selectFrom("surveys")
    .select(["id"])
    .where("id", "=", c.surveyId)
    .executeTakeFirst();
  if (!survey) throw new ProblemError("survey_not_found", `No survey "${c.surveyId}".`);
  const catalogue = await loadCatalogue(db);
  const toc = theoryOfChange();
  for (const o of c.outcomes) {
    const used = catalogue.indicators.some((d) => d.surveyId === c.surveyId && d.outcome === o);
    if (!used)
      throw new ProblemError(
        "release_reference_missing",
        `No question of this survey measures the outcome "${o}"${nodeById(toc, o) ? "" : " (and the theory of change has no such outcome)"}.`,
      );
  }
  if (c.corrects !== null) {
    const target = await findRelease(db, c.corrects);
    if (
      !target ||
      target.id === self ||
      target.status !== "published" ||
      target.survey_id !== c.surveyId ||
      target.corrected_by
    )
      throw new ProblemError("release_correction_invalid");
  }
}

function outcomesOf(c: ComposeReleaseRequest): ReleaseOutcome[] {
  const toc = theoryOfChange();
  return c.outcomes.map((id) => {
    const node = nodeById(toc, id);
    const strand = node?.strand ? toc.strands.find((s) => s.id === node.strand) : undefined;
    return {
      id,
      short: node?.short ?? id,
      text: node?.text ?? id,
      strand: strand ? { id: strand.id, name: strand.name } : null,
    };
  });
}

/**
 * How long the output checks of one release may run (docs/decisions/0023). They pause every few
 * milliseconds so the server keeps answering others; past this budget the release is refused as too
 * large and nothing is stored.
 */
export const defaultCheckBudget: CheckBudget = { maxMs: 60_000, maxWork: 4e9 };

/** Checks running in this process: one at a time, so analysts cannot stack up work on the server. */
let checksRunning = 0;

/** Records a stored snapshot (the audit entry), in the transaction that stores it. */
export type RecordCheck = (trx: Kysely<Database>, snapshot: ReleaseSnapshot) => Promise<void>;

/**
 * Freezes the figures and runs every output check; the release becomes `checked`. One check runs at
 * a time (another answers `release_check_busy`); past the budget nothing is stored.
 */
export async function checkReleaseFigures(
  db: Kysely<Database>,
  row: ReleaseRow,
  by: { id: string; name: string },
  now: Date,
  switches: { secondary?: boolean; crossRelease?: boolean } = {},
  budget: CheckBudget = defaultCheckBudget,
  record: RecordCheck = async () => undefined,
): Promise<ReleaseSnapshot> {
  if (checksRunning > 0) throw new ProblemError("release_check_busy");
  checksRunning++;
  try {
    return await checkFiguresNow(db, row, by, now, switches, budget, record);
  } finally {
    checksRunning--;
  }
}

async function checkFiguresNow(
  db: Kysely<Database>,
  row: ReleaseRow,
  by: { id: string; name: string },
  now: Date,
  switches: { secondary?: boolean; crossRelease?: boolean },
  budget: CheckBudget,
  record: RecordCheck,
): Promise<ReleaseSnapshot> {
  if (row.status === "published") throw new ProblemError("release_published");
  const composition = compositionOf(row);
  await validateComposition(db, composition, row.id);
  // The snapshot experts could read until now is kept, and this check compares with it (0076).
  await keepShownSnapshot(db, row, newId());
  // Review decisions reach the figures when the queue is worked through, as before a dashboard read:
  // an interview rejected a moment ago (no valid consent, say) must not be counted in a release.
  await processRefreshQueue(db);
  const catalogue = await loadCatalogue(db);
  const indicators = composition.outcomes.flatMap((o) =>
    catalogue.indicators.filter((d) => d.surveyId === composition.surveyId && d.outcome === o),
  );
  const questions = indicators.map((d) => ({ outcome: d.outcome, question: d.question }));
  const read: CheckRead = {
    surveyId: composition.surveyId,
    releaseId: row.id,
    questions,
    change: composition.change,
  };
  // On SQLite the worker reads the answers itself (docs/decisions/0047); otherwise they are read here.
  const file = await sqliteFileOf(db);
  const data = file ? null : await readCheckData(db, read);
  if (!file && !data)
    throw new ProblemError("release_empty", "No interviews of this survey are counted yet.");
  const [areas, k] = await Promise.all([
    db.selectFrom("areas").select(["id", "name"]).execute(),
    suppressionThreshold(db),
  ]);
  // Figures and checks run in their own thread (docs/decisions/0034): the server keeps answering.
  let figures: Awaited<ReturnType<typeof checkInWorker>>;
  try {
    figures = await checkInWorker({
      input: {
        composition,
        areas: new Map(areas.map((a) => [a.id, a.name])),
        indicators,
        interviews: data?.interviews ?? [],
        answers: data?.answers ?? new Map(),
        pairs: data?.pairs ?? new Map(),
        earlier: data?.earlier ?? [],
        k: k.k,
      },
      ...(file ? { read: { file, ...read } } : {}),
      options: { ...defaultCheckOptions, k: k.k },
      switches,
      budget,
    });
  } catch (e) {
    if (e instanceof CheckTooLarge) throw new ProblemError("release_too_large_to_check");
    if (e instanceof NothingToCheck)
      throw new ProblemError("release_empty", "No interviews of this survey are counted yet.");
    throw e;
  }
  const interviews = figures.read?.interviews ?? data?.interviews ?? [];
  const earlier = figures.read?.earlier ?? data?.earlier ?? [];
  const result = figures;
  for (const t of figures.tables)
    for (const r of t.rows)
      for (const columnKey of Object.keys(r.cells)) {
        const cell = result.cells.get(cellKey({ tableId: t.id, rowKey: r.key, columnKey }));
        r.cells[columnKey] = cell ?? { published: false, reason: "depends_on_withheld" };
      }
  const snapshot: ReleaseSnapshot = {
    id: randomBytes(16).toString("base64url"),
    checkedAt: now.toISOString(),
    checkedBy: by,
    dataAsOf: figures.dataAsOf,
    k: k.k,
    tables: figures.tables,
    checklist: result.checklist,
    checkedAgainst: earlier.map((e) => ({ id: e.id, title: e.title, publishedAt: e.publishedAt })),
  };
  const survey = await db
    .selectFrom("surveys")
    .select(["title"])
    .where("id", "=", composition.surveyId)
    .executeTakeFirst();
  const summary = generateSummary(survey?.title ?? null, snapshot, now.toISOString());
  const stored = await storeSnapshot(
    db,
    { id: row.id, surveyId: composition.surveyId, comparedWith: earlier.map((e) => e.id) },
    snapshot,
    summary,
    interviews,
    now.toISOString(),
    (trx) => record(trx, snapshot),
  );
  if (stored === "published") throw new ProblemError("release_published");
  // Another instance stored a snapshot of this survey during the check: check again against it.
  if (stored === "overtaken") throw new ProblemError("release_check_busy");
  return snapshot;
}

export function signerRole(viewer: ReleaseViewer): ReleaseSignerRole | null {
  if (isReleaseAnalyst(viewer)) return "analyst";
  if (viewer.role === "expert") return "expert";
  return null;
}

export const newPublicToken = () => randomBytes(32).toString("base64url");
export const newId = () => randomUUID();

async function titles(db: Kysely<Database>, ids: (string | null)[]) {
  const list = ids.filter((x): x is string => x !== null);
  if (list.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom("releases").select(["id", "title"]).where("id", "in", list).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

async function surveyTitle(db: Kysely<Database>, id: string) {
  const s = await db.selectFrom("surveys").select(["title"]).where("id", "=", id).executeTakeFirst();
  return s?.title ?? id;
}

/** What still stands between a release and publishing, in plain words. */
function blockersOf(row: ReleaseRow, signed: { as: ReleaseSignerRole }[]): string[] {
  if (row.status === "published") return [];
  if (row.status === "draft")
    return [
      "Run the output checks.",
      "Get an analyst's sign-off.",
      "Get an expert by experience's sign-off.",
    ];
  const out: string[] = [];
  if (!signed.some((s) => s.as === "analyst")) out.push("Get an analyst's sign-off.");
  if (!signed.some((s) => s.as === "expert")) out.push("Get an expert by experience's sign-off.");
  return out;
}

export async function releaseView(
  db: Kysely<Database>,
  row: ReleaseRow,
  viewer: ReleaseViewer,
): Promise<ReleaseView> {
  const composition = compositionOf(row);
  const snapshot = snapshotOf(row);
  const signed = snapshot ? await signOffs(db, row.id, snapshot.id) : [];
  const names = await userNames(db, [row.created_by, ...(row.published_by ? [row.published_by] : [])]);
  const t = await titles(db, [row.corrects, row.corrected_by]);
  return {
    id: row.id,
    title: row.title,
    status: row.status as ReleaseView["status"],
    composition,
    surveyTitle: await surveyTitle(db, row.survey_id),
    outcomes: outcomesOf(composition),
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: names.get(row.created_by) ?? "" },
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by ? { id: row.published_by, name: names.get(row.published_by) ?? "" } : null,
    corrects: row.corrects ? { id: row.corrects, title: t.get(row.corrects) ?? "" } : null,
    correctedBy: row.corrected_by ? { id: row.corrected_by, title: t.get(row.corrected_by) ?? "" } : null,
    // Analysts see why each figure is withheld; everyone else a reader's copy (0071).
    snapshot: snapshot && !isReleaseAnalyst(viewer) ? readersCopy(snapshot) : snapshot,
    signOffs: signed,
    annotations: await annotations(db, row.id),
    participantSummary: summaryOf(row),
    blockers: blockersOf(row, signed),
    publicLink:
      isReleaseAnalyst(viewer) && row.public_token
        ? { token: row.public_token, path: publicReleasePath(row.public_token) }
        : null,
  };
}

/**
 * A published release as the public link shows it: nothing about who drafted it, and nobody named who
 * did not choose to be — who signed it off and who wrote each note are said by their part unless they
 * agreed to be named there; who edited the summary and who ran the checks are never named.
 */
export async function publishedRelease(db: Kysely<Database>, row: ReleaseRow): Promise<PublishedRelease> {
  const composition = compositionOf(row);
  const snapshot = snapshotOf(row);
  if (row.status !== "published" || !snapshot || !row.published_at)
    throw new ProblemError("release_not_found");
  const t = await titles(db, [row.corrects, row.corrected_by]);
  const summary = summaryOf(row);
  return {
    id: row.id,
    title: row.title,
    surveyId: row.survey_id,
    surveyTitle: await surveyTitle(db, row.survey_id),
    publishedAt: row.published_at,
    narrative: composition.narrative,
    audiences: composition.audiences,
    outcomes: outcomesOf(composition),
    breakdowns: composition.breakdowns,
    change: composition.change,
    corrects: row.corrects ? { id: row.corrects, title: t.get(row.corrects) ?? "" } : null,
    correctedBy: row.corrected_by ? { id: row.corrected_by, title: t.get(row.corrected_by) ?? "" } : null,
    snapshot: { ...readersCopy(snapshot), checkedBy: null },
    signOffs: unnamed(await signOffs(db, row.id, snapshot.id)),
    annotations: unnamed(await annotations(db, row.id)),
    participantSummary: summary ? { ...summary, editedBy: null } : null,
  };
}

/** Named only where the person chose to be named on the public link, and never with a user id. */
function unnamed<T extends { by: { name: string }; namedInPublic: boolean }>(items: T[]): Unnamed<T>[] {
  return items.map((item) => ({ ...item, by: item.namedInPublic ? { name: item.by.name } : null }));
}

export async function summaries(db: Kysely<Database>, rows: ReleaseRow[]): Promise<ReleaseSummaryItem[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.created_by),
  );
  const t = await titles(
    db,
    rows.flatMap((r) => [r.corrects, r.corrected_by]),
  );
  const surveys = new Map(
    (await db.selectFrom("surveys").select(["id", "title"]).execute()).map((s) => [s.id, s.title]),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    surveyId: row.survey_id,
    surveyTitle: surveys.get(row.survey_id) ?? row.survey_id,
    status: row.status as ReleaseSummaryItem["status"],
    audiences: compositionOf(row).audiences,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: names.get(row.created_by) ?? "" },
    publishedAt: row.published_at,
    corrects: row.corrects ? { id: row.corrects, title: t.get(row.corrects) ?? "" } : null,
    correctedBy: row.corrected_by ? { id: row.corrected_by, title: t.get(row.corrected_by) ?? "" } : null,
  }));
}
