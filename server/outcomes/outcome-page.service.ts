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
  type OutcomeNodeInfo,
  type OutcomePageQuery,
  type OutcomePageResponse,
} from "../../shared/contract/outcomes.ts";
import { administrationModes } from "../../shared/contract/sync.ts";
import type { Frequency } from "../../shared/stats/describe-frequencies.ts";
import { nodeById } from "../../shared/toc/theory-of-change.ts";
import { listAreas } from "../areas/areas.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { assertAreaInScope } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { changeFigure } from "./change.ts";
import { cellSummaryOf, distributionOf, notAnsweredCounts, summaryOf, toBuckets } from "./figures.ts";
import { type IndicatorDef, indicatorInfo, loadCatalogue } from "./indicator-catalogue.ts";
import { isOrdinal } from "./indicator-kind.ts";
import { processRefreshQueue } from "./indicator-store.ts";
import {
  aggregateBuckets,
  type BucketRow,
  type CellRow,
  countValues,
  notCountedInterviews,
  type PairChangeRow,
  type PairWayRow,
  pairChanges,
  pairWays,
  partCounts,
  type RetainedRow,
  retainedFromBaseline,
  type Slice,
  sliceActive,
  slicedCells,
} from "./indicator-values.repository.ts";
import { INTERVIEW_ROW } from "./indicator-values.ts";
import { areaWaveKey, cellOf, hiddenCells, protectIndicator, unsafeAreaWaves } from "./protection.ts";
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
  const baseByIndicator = new Map<string, BucketRow[]>();
  const countKeys = defs.filter((d) => d.kind === "number").map((d) => `${d.surveyId}/${d.question}`);
  const isCount = (surveyId: string, question: string) => countKeys.includes(`${surveyId}/${question}`);

  await processRefreshQueue(db);
  const base = await aggregateBuckets(db, scope, countKeys);
  for (const [key, group] of groupBy(base, (r) => indicatorKey(r.outcome, r.surveyId, r.question))) {
    baseByIndicator.set(key, group);
  }
  const outcomeRows = base.filter((r) => r.outcome === outcomeId);
  const waves = uniqueSorted(outcomeRows.map((r) => r.wave));

  let rows = base;
  /** With a slice, the exact rows inside it (for count questions' medians). */
  let exactRows: CellRow[] = [];
  let leftOut = 0;
  /** Per indicator, the area-waves a sliced view leaves out. */
  const leftOutOf = new Map<string, Set<string>>();
  if (sliced) {
    // Area-waves hidden in the unfiltered table, or cut into a part below k, stay out of the slice.
    const [parts, inSlice] = await Promise.all([partCounts(db, scope, slice), slicedCells(db, scope, slice)]);
    const excluded = unsafeAreaWaves(parts, k);
    for (const def of defs) {
      const indicatorRows = baseByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [];
      const tables = protectIndicator(def, indicatorRows, areaIds, waves, k);
      for (const key of new Set([...hiddenCells(tables.values), ...hiddenCells(tables.completeness)])) {
        const [hiddenArea, hiddenWave] = key.split("\u0000");
        excluded.add(areaWaveKey(def.surveyId, def.question, hiddenArea ?? "", hiddenWave ?? ""));
      }
    }
    const dropped = new Set<string>();
    exactRows = inSlice.filter((r) => {
      const out =
        r.outcome === outcomeId && excluded.has(areaWaveKey(r.surveyId, r.question, r.areaId, r.wave));
      if (out) dropped.add(`${r.areaId}\u0000${r.wave}`);
      return !out;
    });
    rows = toBuckets(exactRows, isCount);
    leftOut = dropped.size;
    for (const def of defs) {
      leftOutOf.set(
        indicatorKey(def.outcome, def.surveyId, def.question),
        new Set(
          (baseByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [])
            .filter((r) => excluded.has(areaWaveKey(r.surveyId, r.question, r.areaId, r.wave)))
            .map((r) => `${r.areaId}\u0000${r.wave}`),
        ),
      );
    }
  }

  const changeWaves = chooseChangeWaves(waves, query);
  // The chosen waves' pairs of this outcome, and the interview pairs from the baseline (attrition).
  const [ways, changes, retained] = await Promise.all([
    !sliced && changeWaves ? pairWays(db, scope, changeWaves) : [],
    !sliced && changeWaves ? pairChanges(db, scope, changeWaves, area) : [],
    sliced ? [] : retainedFromBaseline(db, scope),
  ]);

  // A count question's buckets are bins: its median needs the exact values of the chosen population.
  const exact = sliced
    ? exactRows
        .filter(
          (r) =>
            r.status === "answered" &&
            r.value !== null &&
            isCount(r.surveyId, r.question) &&
            (area === null || r.areaId === area) &&
            (wave === null || r.wave === wave),
        )
        .map((r) => ({ surveyId: r.surveyId, question: r.question, value: r.value ?? 0, n: r.n }))
    : await countValues(db, scope, countKeys, { area, wave });
  const exactByIndicator = new Map<string, Frequency[]>();
  for (const e of exact) {
    const key = indicatorKey(outcomeId, e.surveyId, e.question);
    const list = exactByIndicator.get(key) ?? [];
    list.push({ value: e.value, count: e.n });
    exactByIndicator.set(key, list);
  }
  const rowsByIndicator = groupBy(rows, (r) => indicatorKey(r.outcome, r.surveyId, r.question));
  const waysByIndicator = groupBy(ways, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
  const changesByIndicator = groupBy(changes, (p) => indicatorKey(outcomeId, p.surveyId, p.question));
  const indicators = defs.map((def) =>
    indicatorDetail({
      def,
      rows: rowsByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [],
      ways: waysByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [],
      changes: changesByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [],
      leftOut: leftOutOf.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? new Set(),
      exact:
        def.kind === "number"
          ? (exactByIndicator.get(indicatorKey(def.outcome, def.surveyId, def.question)) ?? [])
          : null,
      areas,
      waves,
      area,
      wave,
      k,
      change: sliced
        ? { unavailable: "sliced" }
        : changeWaves === null
          ? { unavailable: "one_wave" }
          : changeWaves,
    }),
  );

  const surveyIds = uniqueSorted(defs.map((d) => d.surveyId));
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
    },
    slice: sliced ? { active: true, leftOut } : { active: false },
    notCounted: await notCountedInterviews(db, { surveyIds, areaId: area ?? user.areaId, wave }),
    indicators,
    attrition: sliced ? [] : attrition(defs, catalogue.versions, base, retained, area),
  };
}

function parseSlice(query: OutcomePageQuery): Slice {
  const [surveyId, version] = query.version?.split("@") ?? [];
  return {
    version: surveyId && version ? { surveyId, version: Number(version) } : undefined,
    mode: query.mode,
    from: query.from,
    to: query.to,
  };
}

function stripChange(query: OutcomePageQuery): OutcomePageResponse["filters"] {
  const { changeFrom: _from, changeTo: _to, ...filters } = query;
  return filters;
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

interface IndicatorInput {
  def: IndicatorDef;
  rows: BucketRow[];
  /** A count question's exact answers in the chosen population; null for other kinds. */
  exact: Frequency[] | null;
  ways: PairWayRow[];
  changes: PairChangeRow[];
  /** Area-waves (area \0 wave) a sliced view leaves out; empty without a slice. */
  leftOut: Set<string>;
  areas: { id: string; name: string }[];
  waves: number[];
  area: string | null;
  wave: number | null;
  k: number;
  change: { from: number; to: number } | { unavailable: "sliced" | "one_wave" };
}

function indicatorDetail(input: IndicatorInput): IndicatorDetail {
  const { def, rows, areas, waves, area, wave, k } = input;
  const areaIds = areas.map((a) => a.id);
  const tables = protectIndicator(def, rows, areaIds, waves, k);
  // Rows by area, by wave and by both, sorted once: every figure reads one of these lists.
  const byArea = groupBy(rows, (r) => r.areaId);
  const byWave = groupBy(rows, (r) => String(r.wave));
  const byAreaWave = groupBy(rows, (r) => `${r.areaId}\u0000${r.wave}`);
  const inCell = (a: string | null, w: number | null): BucketRow[] =>
    a === null
      ? w === null
        ? rows
        : (byWave.get(String(w)) ?? [])
      : w === null
        ? (byArea.get(a) ?? [])
        : (byAreaWave.get(`${a}\u0000${w}`) ?? []);
  const valuesShown = (a: string | null, w: number | null) => !cellOf(tables.values, a, w).suppressed;
  const meanShown = (a: string | null, w: number | null) => !tables.meanFollowsValues || valuesShown(a, w);

  // A breakdown row every one of whose area-waves a slice left out says so, rather than "no answers".
  const allLeftOut = (a: string | null, w: number | null) => {
    if (input.leftOut.size === 0) return false;
    const under = [...input.leftOut].filter((key) => {
      const [la, lw] = key.split("\u0000");
      return (a === null || la === a) && (w === null || lw === String(w));
    });
    return under.length > 0 && inCell(a, w).every((r) => r.status !== "answered");
  };
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
    change = {
      available: true,
      fromWave: from,
      toWave: to,
      figure: changeFigure({
        kind: def.kind,
        ordinal: isOrdinal(def.kind),
        ways: input.ways,
        changes: input.changes,
        areas: areaIds,
        area,
        answeredBefore: before.suppressed ? null : before.n,
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
