import type { Kysely } from "kysely";
import {
  type AttritionRow,
  type Breakdown,
  type BreakdownRow,
  type CellSummary,
  type ChangeSection,
  countedReviewStatuses,
  type Figure,
  type IndicatorDetail,
  interviewLanguageName,
  type OutcomeNodeInfo,
  type OutcomePageQuery,
  type OutcomePageResponse,
} from "../../shared/contract/outcomes.ts";
import { administrationModes } from "../../shared/contract/sync.ts";
import type { Frequency } from "../../shared/stats/describe-frequencies.ts";
import { nodeById } from "../../shared/toc/theory-of-change.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { listAreas } from "../areas/areas.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import {
  aggregateCells,
  type BucketRow,
  CellBuckets,
  insideCells,
  interviewLanguages,
  notCountedInterviews,
  outcomeQuestions,
  type PairChangeRow,
  type PairWayRow,
  pairChanges,
  pairCoverage,
  pairWays,
  type RetainedRow,
  retainedFromBaseline,
  type Slice,
  sliceActive,
  slicedRetained,
} from "./aggregates/indicator-values.repository.ts";
import { composedSliceReader, type SliceReader } from "./aggregates/slice-reads.ts";
import { type IndicatorDef, indicatorInfo, loadCatalogue } from "./indicator-catalogue.ts";
import { isOrdinal } from "./indicator-kind.ts";
import { processRefreshQueue } from "./ingest/indicator-store.ts";
import { INTERVIEW_ROW } from "./ingest/indicator-values.ts";
import { changeFigure, hiddenChangeAreas } from "./page/change.ts";
import { cellSummaryOf, distributionOf, notAnsweredCounts, summaryOf } from "./page/figures.ts";
import { smallPairParts, smallParts } from "./protection/part-checks.repository.ts";
import { dimsOf } from "./protection/part-minimums.ts";
import { cellOf, hiddenCells, protectIndicator, unsafeAreaWaves } from "./protection/protection.ts";
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
  const countKeys = new Set(
    defs.filter((d) => d.kind === "number").map((d) => `${d.surveyId}/${d.question}`),
  );
  const isCount = (surveyId: string, question: string) => countKeys.has(`${surveyId}/${question}`);

  await processRefreshQueue(db);
  const population = { area, wave };
  // The whole scope from the aggregate, with or without a slice (small-number protection is over it).
  const questions = await outcomeQuestions(db, outcomeId);
  const whole = new CellBuckets(isCount, population, "n");
  await aggregateCells(db, scope, whole, questions);
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
    for (const indicator of indicators) {
      indicator.byLanguage = {
        rows: byLanguage.map(({ language, page }) => {
          const same = page.indicators.find((i) => i.key === indicator.key);
          const cell: Figure<CellSummary> = same
            ? populationCell(same, area, wave)
            : { suppressed: false, n: 0, values: null };
          return { key: language, label: interviewLanguageName(language), ...cell };
        }),
        total: populationCell(indicator, area, wave),
      };
    }
  }
  return {
    k,
    countedStatuses: countedReviewStatuses,
    outcome: outcomeInfo(outcomeId, defs),
    filters: stripChange(query),
    options: {
      areas: areas.map((a) => ({ id: a.id, name: a.name })),
      waves,
      versions: catalogue.versions
        .filter((v) => surveyIds.includes(v.surveyId))
        .map((v) => ({ id: `${v.surveyId}@${v.version}`, label: `${v.title}, version ${v.version}` })),
      modes: [...administrationModes],
      languages: languages.map((id) => ({ id, label: interviewLanguageName(id) })),
    },
    slice: sliced ? { active: true, leftOut } : { active: false },
    notCounted: await notCountedInterviews(db, { surveyIds, areaId: area ?? user.areaId, wave }),
    indicators,
    attrition: attrition(defs, catalogue.versions, read.buckets, retained, area),
  };
}

/** An indicator's breakdown cell of the page's own population (an area and a wave, or all of them). */
function populationCell(
  indicator: IndicatorDetail,
  area: string | null,
  wave: number | null,
): Figure<CellSummary> {
  if (area === null) return indicator.byArea.total;
  if (wave === null) return indicator.byWave.total;
  const row = indicator.byWave.rows.find((r) => r.key === String(wave));
  if (!row) return { suppressed: false, n: 0, values: null };
  const { key: _key, label: _label, ...cell } = row;
  return cell;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseSlice(query: OutcomePageQuery): Slice {
  const [surveyId, version] = query.version?.split("@") ?? [];
  return {
    version: surveyId && version ? { surveyId, version: Number(version) } : undefined,
    mode: query.mode,
    from: query.from,
    to: query.to,
    language: query.language,
  };
}

function stripChange(query: OutcomePageQuery): OutcomePageResponse["filters"] {
  const { changeFrom: _from, changeTo: _to, breakdown: _breakdown, ...filters } = query;
  return filters;
}

/** Buckets by indicator: they arrive in key order, so each indicator's are one run. */
function groupByIndicator(rows: readonly BucketRow[]): Map<string, BucketRow[]> {
  const groups = new Map<string, BucketRow[]>();
  let list: BucketRow[] | undefined;
  let outcome = "";
  let surveyId = "";
  let question = "";
  for (const r of rows) {
    if (!list || r.question !== question || r.surveyId !== surveyId || r.outcome !== outcome) {
      outcome = r.outcome;
      surveyId = r.surveyId;
      question = r.question;
      const key = indicatorKey(outcome, surveyId, question);
      list = groups.get(key);
      if (!list) {
        list = [];
        groups.set(key, list);
      }
    }
    list.push(r);
  }
  return groups;
}

function indicatorKey(outcome: string, surveyId: string, question: string): string {
  return `${outcome}\u0000${surveyId}\u0000${question}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The waves compared for change: as asked, else the first and last with answers. */
function chooseChangeWaves(waves: number[], query: OutcomePageQuery): { from: number; to: number } | null {
  const from = query.changeFrom ?? waves[0];
  const to = query.changeTo ?? waves[waves.length - 1];
  if (from === undefined || to === undefined || from >= to) return null;
  return { from, to };
}

function outcomeInfo(outcomeId: string, defs: IndicatorDef[]): OutcomeNodeInfo {
  const toc = theoryOfChange();
  const node = nodeById(toc, outcomeId);
  if (node?.stage === "outcome") {
    const strand = toc.strands.find((s) => s.id === node.strand);
    return {
      id: node.id,
      short: node.short,
      text: node.text,
      strand: strand ? { id: strand.id, name: strand.name } : null,
      inTheoryOfChange: true,
    };
  }
  return {
    id: outcomeId,
    short: outcomeId,
    text: `Questions in ${uniqueSorted(defs.map((d) => d.surveyTitle)).join(", ")} are tagged "${outcomeId}", which is not an outcome of the theory of change.`,
    strand: null,
    inTheoryOfChange: false,
  };
}

/** One indicator's pairs between the chosen waves, as its change figure reads them. */
interface IndicatorPairs {
  /** Per area and direction of change, over every area in `areas`. */
  ways: PairWayRow[];
  /** In the chosen population, by change. */
  changes: PairChangeRow[];
  /** The areas the change table is made of: every area in scope, less those a slice leaves out. */
  areas: string[];
}

interface IndicatorInput {
  def: IndicatorDef;
  rows: BucketRow[];
  /** A count question's exact answers in the chosen population; null for other kinds. */
  exact: Frequency[] | null;
  pairs: IndicatorPairs;
  /** Area-waves (area \0 wave) a sliced view leaves out; empty without a slice. */
  leftOut: Set<string>;
  areas: { id: string; name: string }[];
  waves: number[];
  area: string | null;
  wave: number | null;
  k: number;
  change: { from: number; to: number } | { unavailable: "one_wave" };
}

function indicatorDetail(input: IndicatorInput): IndicatorDetail {
  const { def, rows, areas, waves, area, wave, k } = input;
  const areaIds = areas.map((a) => a.id);
  const tables = protectIndicator(def, rows, areaIds, waves, k);
  // Rows by area, by wave and by both, sorted once: every figure reads one of these lists.
  const byArea = new Map<string, BucketRow[]>();
  const byWave = new Map<number, BucketRow[]>();
  const byAreaWave = new Map<string, Map<number, BucketRow[]>>();
  const listIn = <K>(map: Map<K, BucketRow[]>, key: K): BucketRow[] => {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  };
  for (const r of rows) {
    listIn(byArea, r.areaId).push(r);
    listIn(byWave, r.wave).push(r);
    let areaWaves = byAreaWave.get(r.areaId);
    if (!areaWaves) {
      areaWaves = new Map();
      byAreaWave.set(r.areaId, areaWaves);
    }
    listIn(areaWaves, r.wave).push(r);
  }
  const inCell = (a: string | null, w: number | null): BucketRow[] =>
    a === null
      ? w === null
        ? rows
        : (byWave.get(w) ?? [])
      : w === null
        ? (byArea.get(a) ?? [])
        : (byAreaWave.get(a)?.get(w) ?? []);
  const valuesShown = (a: string | null, w: number | null) => !cellOf(tables.values, a, w).suppressed;
  const meanShown = (a: string | null, w: number | null) => !tables.meanFollowsValues || valuesShown(a, w);

  // The area-waves a slice left out, by area and by wave, looked up once per breakdown cell.
  const leftOutAreas = new Map<string, Set<string>>();
  const leftOutWaves = new Set<string>();
  for (const key of input.leftOut) {
    const [la = "", lw = ""] = key.split("\u0000");
    leftOutAreas.set(la, (leftOutAreas.get(la) ?? new Set()).add(lw));
    leftOutWaves.add(lw);
  }
  /** Some area-wave under (a, w) is left out of this filtered view. */
  const leftOutAt = (a: string | null, w: number | null): boolean =>
    a === null
      ? w === null
        ? input.leftOut.size > 0
        : leftOutWaves.has(String(w))
      : w === null
        ? leftOutAreas.has(a)
        : (leftOutAreas.get(a)?.has(String(w)) ?? false);
  // A breakdown row every one of whose area-waves a slice left out says so, rather than "no answers".
  const allLeftOut = (a: string | null, w: number | null) =>
    leftOutAt(a, w) && inCell(a, w).every((r) => r.status !== "answered");
  const breakdownCell = (a: string | null, w: number | null): Figure<CellSummary> => {
    if (allLeftOut(a, w)) return { suppressed: true, reason: "left_out" };
    const cell = cellOf(tables.counts, a, w);
    if (cell.suppressed) return { suppressed: true, reason: cell.reason };
    const s = cellSummaryOf(inCell(a, w), def.kind, meanShown(a, w));
    return s ? { ...s, suppressed: false } : { n: 0, values: null, suppressed: false };
  };
  const areaBreakdown: Breakdown = {
    rows: areas.map((a): BreakdownRow => ({ key: a.id, label: a.name, ...breakdownCell(a.id, wave) })),
    total: breakdownCell(null, wave),
  };
  const waveBreakdown: Breakdown = {
    rows: waves.map((w): BreakdownRow => ({ key: String(w), label: String(w), ...breakdownCell(area, w) })),
    total: breakdownCell(area, null),
  };

  let change: ChangeSection;
  if ("unavailable" in input.change) {
    change = { available: false, reason: input.change.unavailable };
  } else {
    const { from, to } = input.change;
    const before = cellOf(tables.counts, area, from);
    const { pairs } = input;
    change = {
      available: true,
      fromWave: from,
      toWave: to,
      figure:
        area !== null && !pairs.areas.includes(area)
          ? { suppressed: true, reason: "left_out" }
          : changeFigure({
              kind: def.kind,
              ordinal: isOrdinal(def.kind),
              ways: pairs.ways,
              changes: pairs.changes,
              areas: pairs.areas,
              area,
              // A slice that left out some of the first wave's answers has no count to subtract from.
              answeredBefore: leftOutAt(area, from)
                ? { hidden: "left_out" }
                : before.suppressed
                  ? { hidden: "complement" }
                  : before.n,
              k,
            }),
    };
  }

  const chosen = cellOf(tables.counts, area, wave);
  const selection = inCell(area, wave);
  const summary = chosen.suppressed
    ? null
    : summaryOf(selection, def.kind, meanShown(area, wave), input.exact);
  const info = indicatorInfo(def);
  if (!summary) {
    return {
      ...info,
      summary: allLeftOut(area, wave)
        ? { suppressed: true, reason: "left_out" }
        : chosen.suppressed
          ? { suppressed: true, reason: chosen.reason }
          : { suppressed: false, n: 0, values: null },
      distribution: null,
      completeness: null,
      byArea: areaBreakdown,
      byWave: waveBreakdown,
      change,
    };
  }
  const values = cellOf(tables.values, area, wave);
  const completeness = cellOf(tables.completeness, area, wave);
  return {
    ...info,
    summary: { ...summary, suppressed: false },
    distribution: values.suppressed
      ? { shown: false, suppressed: true, reason: values.reason }
      : { shown: true, bars: distributionOf(def, selection) },
    completeness: {
      answered: summary.n,
      notAnswered: completeness.suppressed
        ? { shown: false, suppressed: true, reason: completeness.reason }
        : { shown: true, ...notAnsweredCounts(selection) },
    },
    byArea: areaBreakdown,
    byWave: waveBreakdown,
    change,
  };
}

/**
 * Interviews per wave and how many of them follow a baseline interview of the same participant, for
 * each survey that measures the outcome. Interview counts, like the response counts table: they say
 * who was interviewed, not what anyone answered, so they are not suppressed (decision 0004).
 */
function attrition(
  defs: IndicatorDef[],
  versions: { surveyId: string; title: string }[],
  cells: readonly BucketRow[],
  retainedRows: readonly RetainedRow[],
  area: string | null,
): AttritionRow[] {
  const rows: AttritionRow[] = [];
  for (const surveyId of uniqueSorted(defs.map((d) => d.surveyId))) {
    const interviews = cells.filter(
      (c) =>
        c.outcome === INTERVIEW_ROW &&
        c.surveyId === surveyId &&
        c.question === INTERVIEW_ROW &&
        (area === null || c.areaId === area),
    );
    const perWave = new Map<number, number>();
    for (const c of interviews) perWave.set(c.wave, (perWave.get(c.wave) ?? 0) + c.n);
    const baseline = perWave.get(0) ?? 0;
    const title =
      defs.find((d) => d.surveyId === surveyId)?.surveyTitle ??
      versions.find((v) => v.surveyId === surveyId)?.title ??
      surveyId;
    for (const w of uniqueSorted([...perWave.keys()])) {
      const retained =
        w === 0
          ? baseline
          : retainedRows
              .filter(
                (p) => p.surveyId === surveyId && p.toWave === w && (area === null || p.areaId === area),
              )
              .reduce((s, p) => s + p.n, 0);
      rows.push({
        surveyId,
        surveyTitle: title,
        wave: w,
        participants: perWave.get(w) ?? 0,
        retained,
        baseline,
      });
    }
  }
  return rows;
}
