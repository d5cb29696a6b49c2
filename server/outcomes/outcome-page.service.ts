import type { Kysely } from "kysely";
import {
  countedReviewStatuses,
  type OutcomePageQuery,
  type OutcomePageResponse,
} from "../../shared/contract/outcomes.ts";
import { administrationModes } from "../../shared/contract/sync.ts";
import { nodeById } from "../../shared/toc/theory-of-change.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { listAreas } from "../areas/areas.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import {
  CellBuckets,
  insideCells,
  interviewLanguages,
  notCountedInterviews,
  outcomeQuestions,
  pairChanges,
  pairCoverage,
  pairWays,
  type RetainedRow,
  retainedFromBaseline,
  sliceActive,
  slicedRetained,
} from "./aggregates/indicator-values.repository.ts";
import { composedSliceReader, type SliceReader } from "./aggregates/slice-reads.ts";
import { type IndicatorDef, loadCatalogue } from "./indicator-catalogue.ts";
import { processRefreshQueue } from "./ingest/indicator-store.ts";
import { INTERVIEW_ROW } from "./ingest/indicator-values.ts";
import { hiddenChangeAreas } from "./page/change.ts";
import {
  addLanguageBreakdown,
  attrition,
  chooseChangeWaves,
  groupBy,
  groupByIndicator,
  type IndicatorPairs,
  indicatorDetail,
  indicatorKey,
  languageName,
  outcomeInfo,
  parseSlice,
  stripChange,
  uniqueSorted,
} from "./page/outcome-page-model.ts";
import { smallPairParts, smallParts } from "./protection/part-checks.repository.ts";
import { dimsOf } from "./protection/part-minimums.ts";
import { hiddenCells, protectIndicator, unsafeAreaWaves } from "./protection/protection.ts";
import { theoryOfChange } from "./theory-of-change.ts";

export interface OutcomesContext {
  db: Kysely<Database>;
  user: SessionUser;
  /** The suppression threshold in force. */
  k: number;
}

/**
 * One outcome's page: every indicator tagged with it, in the caller's area scope, under the filters.
 * Reads the aggregates (a few thousand rows), protects each indicator's area × wave table, then builds
 * every figure from frequency tables; with a version, mode or month filter it reads the rows inside the
 * slice instead, keeping only area-waves that slice into parts of at least k.
 */
export async function outcomePage(
  ctx: OutcomesContext,
  outcomeId: string,
  query: OutcomePageQuery,
  /** How a filtered page reads inside its slice (tests pass a reference reader to compare with). */
  reads: SliceReader = composedSliceReader,
): Promise<OutcomePageResponse> {
  const { db, user, k } = ctx;
  const toc = theoryOfChange();
  const catalogue = await loadCatalogue(db);
  const defs = catalogue.indicators.filter((def) => def.outcome === outcomeId);
  const node = nodeById(toc, outcomeId);
  if (node?.stage !== "outcome" && defs.length === 0) {
    throw new ProblemError("outcome_not_found", `No outcome "${outcomeId}".`);
  }
  const areas = await listAreas(db, user.areaId);
  if (query.area !== undefined) {
    assertAreaInScope(user, query.area);
    if (!areas.some((a) => a.id === query.area))
      throw new ProblemError("area_not_found", `No area "${query.area}".`);
  }
  const areaIds = areas.map((a) => a.id);
  const area = query.area ?? null;
  const wave = query.wave ?? null;
  const slice = parseSlice(query);
  const sliced = sliceActive(slice);
  const scope = { outcome: outcomeId, areaId: user.areaId };
  const countDefs = defs.filter((d) => d.kind === "number");
  const countKeys = new Set(countDefs.map((d) => `${d.surveyId}/${d.question}`));
  const isCount = (surveyId: string, question: string) => countKeys.has(`${surveyId}/${question}`);

  await processRefreshQueue(db);
  const population = { area, wave };
  // The whole scope from the aggregate, with or without a slice (small-number protection is over it).
  const whole = new CellBuckets(isCount, population, "n");
  // A filtered page composes count questions' exact values area-wave by area-wave (slice-reads.ts).
  await reads.cells(db, scope, whole, countDefs, sliced ? "by_area_wave" : "population");
  const base = whole.read();
  const baseByIndicator = groupByIndicator(base.buckets);
  const waves = uniqueSorted(base.buckets.filter((r) => r.outcome === outcomeId).map((r) => r.wave));
  const changeWaves = chooseChangeWaves(waves, query);

  /** The answers every figure is made from: the aggregate, or with a slice the parts inside it. */
  let read = base;
  let leftOut = 0;
  /** Per indicator, the area-waves a sliced view leaves out. */
  const leftOutOf = new Map<string, Set<string>>();
  /** Per indicator, how its change is read: the unfiltered pairs, or a slice's (with areas left out). */
  let pairsOf: (def: IndicatorDef) => IndicatorPairs;
  let retained: RetainedRow[];
  if (!sliced) {
    const [ways, changes, kept] = await Promise.all([
      changeWaves ? pairWays(db, scope, changeWaves) : [],
      changeWaves ? pairChanges(db, scope, changeWaves, area) : [],
      retainedFromBaseline(db, scope),
    ]);
    retained = kept;
    const waysBy = groupBy(ways, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
    const changesBy = groupBy(changes, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
    pairsOf = (def) => {
      const key = indicatorKey(def.outcome, def.surveyId, def.question);
      return { ways: waysBy.get(key) ?? [], changes: changesBy.get(key) ?? [], areas: areaIds };
    };
  } else {
    // Area-waves hidden in the unfiltered table, or cut into a part below k, stay out of the slice.
    const dims = dimsOf(slice);
    const yesNoKeys = new Set(
      defs.filter((d) => d.kind === "yes_no").map((d) => `${d.surveyId}/${d.question}`),
    );
    const questions = await outcomeQuestions(db, outcomeId);
    const interviewQuestions = questions.filter((q) => q.question === INTERVIEW_ROW);
    const interviewsInside = new CellBuckets(isCount, population, "n");
    const [parts, baseWays, smallPairs, pairCover, kept] = await Promise.all([
      smallParts(db, scope, dims, k, countKeys),
      // The unfiltered pairs per area and direction, for the areas the unfiltered table hides.
      changeWaves ? pairWays(db, scope, changeWaves) : [],
      changeWaves ? smallPairParts(db, scope, changeWaves, dims, k, yesNoKeys) : [],
      changeWaves ? pairCoverage(db, scope, changeWaves, slice) : [],
      slicedRetained(db, scope, slice),
      insideCells(db, scope, slice, interviewQuestions, () => null, interviewsInside),
    ]);
    retained = kept;
    const excluded = unsafeAreaWaves(parts, k);
    for (const def of defs) {
      const indicatorRows = baseByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [];
      const tables = protectIndicator(def, indicatorRows, areaIds, waves, k);
      for (const key of new Set([...hiddenCells(tables.values), ...hiddenCells(tables.completeness)])) {
        const [hiddenArea, hiddenWave] = key.split("\u0000");
        excluded.add(def.surveyId, def.question, hiddenArea ?? "", Number(hiddenWave));
      }
    }
    const answers = await reads.answers({
      db,
      scope,
      outcomeId,
      slice,
      questions,
      isCount,
      population,
      excluded,
      base: base.buckets,
      whole,
      interviewsInside,
    });
    read = answers.read;
    const dropped = answers.dropped;
    leftOut = dropped.size;
    for (const def of defs) {
      const key = indicatorKey(def.outcome, def.surveyId, def.question);
      const left = new Set<string>();
      let area = "";
      let wave = Number.NaN;
      for (const r of baseByIndicator.get(key) ?? []) {
        if (r.areaId === area && r.wave === wave) continue;
        area = r.areaId;
        wave = r.wave;
        if (excluded.has(r.surveyId, r.question, r.areaId, r.wave)) left.add(`${r.areaId}\u0000${r.wave}`);
      }
      leftOutOf.set(key, left);
    }
    // Change inside a slice: pairs with both interviews inside it, from the areas whose pairs the
    // filters cut only into parts of k or more and that the unfiltered change table shows. Where the
    // filters keep all of an area's interview pairs, its pairs are the aggregate's; where part, the
    // pair slice cells are read.
    const baseWaysBy = groupBy(baseWays, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
    const smallBy = groupBy(smallPairs, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
    const outAreas = new Map<string, Set<string>>();
    for (const def of defs) {
      const key = indicatorKey(def.outcome, def.surveyId, def.question);
      const out = hiddenChangeAreas(baseWaysBy.get(key) ?? [], areaIds, k);
      for (const p of smallBy.get(key) ?? []) out.add(p.areaId);
      outAreas.set(key, out);
    }
    const pairShare = new Map(
      pairCover.map((c) => [
        `${c.surveyId}\u0000${c.areaId}`,
        c.inside === 0 ? "none" : c.inside === c.n ? "all" : "part",
      ]),
    );
    const shareOf = (surveyId: string, areaId: string) =>
      pairShare.get(`${surveyId}\u0000${areaId}`) ?? "none";
    const shown = (surveyId: string, question: string, areaId: string) =>
      !(outAreas.get(indicatorKey(outcomeId, surveyId, question))?.has(areaId) ?? false);
    const slicedRows = changeWaves
      ? await reads.pairs({ db, scope, waves: changeWaves, slice, areaIds, shareOf, shown })
      : [];
    const pairsBy = groupBy(slicedRows, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
    // Per question in area order (each area's changes in order, from one source or the other).
    for (const rows of pairsBy.values()) rows.sort((a, b) => compareText(a.areaId, b.areaId));
    pairsOf = (def) => {
      const key = indicatorKey(def.outcome, def.surveyId, def.question);
      const out = outAreas.get(key) ?? new Set();
      const kept = areaIds.filter((a) => !out.has(a));
      const rows = pairsBy.get(key) ?? [];
      return {
        ways: rows.map((p) => ({
          surveyId: p.surveyId,
          question: p.question,
          areaId: p.areaId,
          way: Math.sign(p.difference) as -1 | 0 | 1,
          n: p.n,
        })),
        changes: rows.filter((p) => area === null || p.areaId === area),
        areas: kept,
      };
    };
  }

  const rowsByIndicator = groupByIndicator(read.buckets);
  const indicators = defs.map((def) =>
    indicatorDetail({
      def,
      rows: rowsByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [],
      pairs: pairsOf(def),
      leftOut: leftOutOf.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? new Set(),
      // A count question's buckets are bins: its median needs the exact values of the population.
      exact:
        def.kind === "number"
          ? [...(read.exact.get(`${def.surveyId}/${def.question}`) ?? [])].map(([value, count]) => ({
              value,
              count,
            }))
          : null,
      areas,
      waves,
      area,
      wave,
      k,
      change: changeWaves === null ? { unavailable: "one_wave" } : changeWaves,
    }),
  );

  const surveyIds = uniqueSorted(defs.map((d) => d.surveyId));
  const languages = await interviewLanguages(db, scope, surveyIds);
  if (query.breakdown === "language") {
    // Each language's row is the page filtered to that language, protected as every filtered view is.
    const { breakdown: _breakdown, ...filters } = query;
    const byLanguage = await Promise.all(
      languages.map(async (language) => ({
        language,
        page: await outcomePage(ctx, outcomeId, { ...filters, language }, reads),
      })),
    );
    addLanguageBreakdown(indicators, byLanguage, area, wave);
  }
  return {
    k,
    countedStatuses: countedReviewStatuses,
    outcome: outcomeInfo(toc, outcomeId, defs),
    filters: stripChange(query),
    options: {
      areas: areas.map((a) => ({ id: a.id, name: a.name })),
      waves,
      versions: catalogue.versions
        .filter((v) => surveyIds.includes(v.surveyId))
        .map((v) => ({ id: `${v.surveyId}@${v.version}`, label: `${v.title}, version ${v.version}` })),
      modes: [...administrationModes],
      languages: languages.map((id) => ({ id, label: languageName(id) })),
    },
    slice: sliced ? { active: true, leftOut } : { active: false },
    notCounted: await notCountedInterviews(db, { surveyIds, areaId: area ?? user.areaId, wave }),
    indicators,
    attrition: attrition(defs, catalogue.versions, read.buckets, retained, area),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
