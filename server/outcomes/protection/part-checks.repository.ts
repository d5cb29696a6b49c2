import { type Kysely, PostgresAdapter, sql } from "kysely";
import { batches } from "../../../shared/batches.ts";
import type { Database } from "../../db/schema.ts";
import { pairSliceCells, readAggregate, sliceCells, valueCells } from "../aggregates/aggregate-tables.ts";
import type { PartRow, ValueScope } from "../aggregates/indicator-values.repository.ts";
import {
  type PairPartMinimum,
  type PairPiece,
  type PartMinimum,
  pairPartMinimums,
  partMinimums,
  type SlicePiece,
} from "./part-minimums.ts";

/**
 * Small-number protection of filtered views, read from stored part minimums (migration
 * 2026-11-26-10, docs/decisions/0019) instead of grouping an outcome's ~174,000 slice cells per
 * request. The minimums depend only on the stored answers, so they are kept per outcome, survey and
 * area, with the area's generation (a counter a trigger raises at every interview row written or
 * deleted, in the same transaction) they were computed at. Before reading, an outcome's areas whose
 * generation has moved are computed again from their slice cells; the counter lives in the database,
 * so every app instance sharing it sees the same staleness. The generation is read before the slice
 * cells: a write committed in between leaves the stored generation behind, and the next read computes
 * that area again.
 */

/** Areas read at once when computing: a few thousand slice cells, so little is held in memory. */
const AREAS_PER_READ = 8;

/** Waves of the values' checks in `indicator_part_checks`; pairs' checks are stored with their waves. */
const VALUES = { from: -1, to: -1 } as const;

type Waves = { from: number; to: number };

interface StaleArea {
  surveyId: string;
  areaId: string;
  generation: number;
}

/** Areas (per survey) whose stored checks of this outcome (values, or pairs between two waves) are behind. */
async function staleAreas(db: Kysely<Database>, scope: ValueScope & { outcome: string }, waves: Waves) {
  let generations = db.selectFrom("indicator_generations").select(["survey_id", "area_id", "generation"]);
  let checks = db
    .selectFrom("indicator_part_checks")
    .select(["survey_id", "area_id", "generation"])
    .where("outcome", "=", scope.outcome)
    .where("from_wave", "=", waves.from)
    .where("to_wave", "=", waves.to);
  if (scope.areaId !== null) {
    generations = generations.where("area_id", "=", scope.areaId);
    checks = checks.where("area_id", "=", scope.areaId);
  }
  const current = await generations.execute();
  const checked = new Map(
    (await checks.execute()).map((c) => [`${c.survey_id}\u0000${c.area_id}`, Number(c.generation)]),
  );
  const stale: StaleArea[] = [];
  for (const g of current) {
    const generation = Number(g.generation);
    if (checked.get(`${g.survey_id}\u0000${g.area_id}`) !== generation)
      stale.push({ surveyId: g.survey_id, areaId: g.area_id, generation });
  }
  return stale;
}

function bySurvey(stale: readonly StaleArea[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of stale) out.set(s.surveyId, [...(out.get(s.surveyId) ?? []), s.areaId]);
  return out;
}

/** The outcome's questions with stored answers, per survey. */
async function questionsOf(db: Kysely<Database>, outcome: string): Promise<Map<string, string[]>> {
  const rows = await readAggregate<{ survey_id: string; question: string }>(db, valueCells, {
    where: { outcome },
    columns: ["survey_id", "question"],
    rows: "distinct",
    withEmpty: true,
  });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.survey_id, [...(out.get(r.survey_id) ?? []), r.question]);
  return out;
}

/**
 * Replaces the stale areas' minimums with those computed, and records the generations they were
 * computed at. On PostgreSQL, app instances computing the same outcome at once take turns.
 */
async function store(
  db: Kysely<Database>,
  outcome: string,
  waves: Waves,
  stale: readonly StaleArea[],
  write: (trx: Kysely<Database>, surveyId: string, areas: string[]) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(hashtext(${`part-checks ${outcome}`}))`.execute(trx);
    }
    for (const [surveyId, areas] of bySurvey(stale)) {
      for (const part of batches(areas, 200)) await write(trx, surveyId, part);
    }
    for (const part of batches(stale, 200)) {
      await trx
        .insertInto("indicator_part_checks")
        .values(
          part.map((s) => ({
            outcome,
            from_wave: waves.from,
            to_wave: waves.to,
            survey_id: s.surveyId,
            area_id: s.areaId,
            generation: s.generation,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(["outcome", "from_wave", "to_wave", "survey_id", "area_id"])
            .doUpdateSet({ generation: (eb) => eb.ref("excluded.generation") }),
        )
        .execute();
    }
  });
}

/** Computes the values' minimums of the outcome's stale areas again. */
async function refreshValueChecks(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
): Promise<void> {
  const stale = await staleAreas(db, scope, VALUES);
  if (stale.length === 0) return;
  const questions = await questionsOf(db, scope.outcome);
  const computed: Array<{ surveyId: string; question: string; rows: PartMinimum[] }> = [];
  for (const [surveyId, areas] of bySurvey(stale)) {
    for (const question of questions.get(surveyId) ?? []) {
      for (const part of batches(areas, AREAS_PER_READ)) {
        // One question's cells in these areas at a time (thousands of rows), in key order.
        const pieces = await readAggregate<SlicePiece>(db, sliceCells, {
          where: { outcome: scope.outcome, survey_id: surveyId, question },
          areas: part,
          columns: sliceCells.rowKey,
          rows: "stored",
          orderBy: ["area_id", "wave"],
        });
        computed.push({ surveyId, question, rows: partMinimums(pieces) });
      }
    }
  }
  await store(db, scope.outcome, VALUES, stale, async (trx, surveyId, areas) => {
    await trx
      .deleteFrom("indicator_part_minimums")
      .where("outcome", "=", scope.outcome)
      .where("survey_id", "=", surveyId)
      .where("area_id", "in", areas)
      .execute();
    const inAreas = new Set(areas);
    const rows = computed
      .filter((c) => c.surveyId === surveyId)
      .flatMap((c) =>
        c.rows
          .filter((r) => inAreas.has(r.areaId))
          .map((r) => ({
            outcome: scope.outcome,
            survey_id: surveyId,
            question: c.question,
            area_id: r.areaId,
            wave: r.wave,
            dims: r.dims,
            smallest: r.smallest,
            smallest_binned: r.smallestBinned,
          })),
      );
    for (const part of batches(rows, 500))
      await trx.insertInto("indicator_part_minimums").values(part).execute();
  });
}

/** Computes the pairs' minimums (between two waves) of the outcome's stale areas again. */
async function refreshPairChecks(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: Waves,
): Promise<void> {
  const stale = await staleAreas(db, scope, waves);
  if (stale.length === 0) return;
  const questions = await questionsOf(db, scope.outcome);
  const computed: Array<{ surveyId: string; question: string; rows: PairPartMinimum[] }> = [];
  for (const [surveyId, areas] of bySurvey(stale)) {
    for (const question of questions.get(surveyId) ?? []) {
      for (const part of batches(areas, AREAS_PER_READ)) {
        const pieces = await readAggregate<PairPiece>(db, pairSliceCells, {
          where: {
            outcome: scope.outcome,
            from_wave: waves.from,
            to_wave: waves.to,
            survey_id: surveyId,
            question,
          },
          areas: part,
          columns: pairSliceCells.rowKey,
          rows: "stored",
          orderBy: ["area_id"],
        });
        computed.push({ surveyId, question, rows: pairPartMinimums(pieces) });
      }
    }
  }
  await store(db, scope.outcome, waves, stale, async (trx, surveyId, areas) => {
    await trx
      .deleteFrom("indicator_pair_part_minimums")
      .where("outcome", "=", scope.outcome)
      .where("from_wave", "=", waves.from)
      .where("to_wave", "=", waves.to)
      .where("survey_id", "=", surveyId)
      .where("area_id", "in", areas)
      .execute();
    const inAreas = new Set(areas);
    const rows = computed
      .filter((c) => c.surveyId === surveyId)
      .flatMap((c) =>
        c.rows
          .filter((r) => inAreas.has(r.areaId))
          .map((r) => ({
            outcome: scope.outcome,
            from_wave: waves.from,
            to_wave: waves.to,
            survey_id: surveyId,
            question: c.question,
            area_id: r.areaId,
            dims: r.dims,
            smallest: r.smallest,
            smallest_by_way: r.smallestByWay,
          })),
      );
    for (const part of batches(rows, 500))
      await trx.insertInto("indicator_pair_part_minimums").values(part).execute();
  });
}

/**
 * Area-waves a filter along `dims` would cut into a small piece: some part holds 0 < n < k of one
 * answer (status, value or, for a count question, bin, and choice). `n` is the smallest such piece.
 */
export async function smallParts(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  dims: number,
  k: number,
  /** Count questions (`surveyId/question`), whose answers are binned as their distribution is. */
  countQuestions: ReadonlySet<string>,
): Promise<PartRow[]> {
  await refreshValueChecks(db, scope);
  let q = db
    .selectFrom("indicator_part_minimums")
    .select(["survey_id", "question", "area_id", "wave", "smallest", "smallest_binned"])
    .where("outcome", "=", scope.outcome)
    .where("dims", "=", dims)
    .where((eb) => eb.or([eb("smallest", "<", k), eb("smallest_binned", "<", k)]));
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  const out: PartRow[] = [];
  for (const r of await q.execute()) {
    const n = Number(countQuestions.has(`${r.survey_id}/${r.question}`) ? r.smallest_binned : r.smallest);
    if (n < k)
      out.push({ surveyId: r.survey_id, question: r.question, areaId: r.area_id, wave: Number(r.wave), n });
  }
  return out;
}

/**
 * Question × area pairs (between two waves) that a filter along `dims` would cut into a part of
 * 0 < n < k pairs: for a yes/no question, of one direction of change (down, none, up), since its tests
 * publish how many changed each way (McNemar's b and c); for the others, of all pairs.
 */
export async function smallPairParts(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: Waves,
  dims: number,
  k: number,
  /** Yes/no questions (`surveyId/question`), whose parts are checked per direction of change. */
  yesNoQuestions: ReadonlySet<string>,
): Promise<Array<{ surveyId: string; question: string; areaId: string }>> {
  await refreshPairChecks(db, scope, waves);
  let q = db
    .selectFrom("indicator_pair_part_minimums")
    .select(["survey_id", "question", "area_id", "smallest", "smallest_by_way"])
    .where("outcome", "=", scope.outcome)
    .where("from_wave", "=", waves.from)
    .where("to_wave", "=", waves.to)
    .where("dims", "=", dims)
    .where((eb) => eb.or([eb("smallest", "<", k), eb("smallest_by_way", "<", k)]));
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  return (await q.execute())
    .filter(
      (r) => Number(yesNoQuestions.has(`${r.survey_id}/${r.question}`) ? r.smallest_by_way : r.smallest) < k,
    )
    .map((r) => ({ surveyId: r.survey_id, question: r.question, areaId: r.area_id }));
}
