import {
  type AttritionRow,
  type Breakdown,
  type BreakdownRow,
  type CellSummary,
  type ChangeSection,
  type Figure,
  type IndicatorDetail,
  interviewLanguageName,
  type OutcomeNodeInfo,
  type OutcomePageQuery,
  type OutcomePageResponse,
} from "../../../shared/contract/outcomes.ts";
import type { Frequency } from "../../../shared/stats/describe-frequencies.ts";
import { isOrdinal } from "../../../shared/survey/indicator-kind.ts";
import { nodeById, type TheoryOfChange } from "../../../shared/toc/theory-of-change.ts";
import type {
  BucketRow,
  PairChangeRow,
  PairWayRow,
  RetainedRow,
  Slice,
} from "../aggregates/indicator-values.repository.ts";
import { type IndicatorDef, indicatorInfo } from "../indicator-catalogue.ts";
import { INTERVIEW_ROW } from "../ingest/indicator-values.ts";
import { cellOf, protectIndicator } from "../protection/protection.ts";
import { changeFigure } from "./change.ts";
import { cellSummaryOf, distributionOf, notAnsweredCounts, summaryOf } from "./figures.ts";

/**
 * The outcome page's model: pure functions from the rows the aggregates give to the page the analyst
 * reads (no database here; the reads are in ../aggregates and ../protection, put together by
 * ../outcome-page.service.ts). Unit-tested without a database in test/server/outcomes/page-model.test.ts.
 */

/** An indicator's breakdown cell of the page's own population (an area and a wave, or all of them). */
export function populationCell(
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

export function parseSlice(query: OutcomePageQuery): Slice {
  const [surveyId, version] = query.version?.split("@") ?? [];
  return {
    version: surveyId && version ? { surveyId, version: Number(version) } : undefined,
    mode: query.mode,
    from: query.from,
    to: query.to,
    language: query.language,
  };
}

export function stripChange(query: OutcomePageQuery): OutcomePageResponse["filters"] {
  const { changeFrom: _from, changeTo: _to, breakdown: _breakdown, ...filters } = query;
  return filters;
}

/** Buckets by indicator: they arrive in key order, so each indicator's are one run. */
export function groupByIndicator(rows: readonly BucketRow[]): Map<string, BucketRow[]> {
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

export function indicatorKey(outcome: string, surveyId: string, question: string): string {
  return `${outcome}\u0000${surveyId}\u0000${question}`;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The waves compared for change: as asked, else the first and last with answers. */
export function chooseChangeWaves(
  waves: number[],
  query: OutcomePageQuery,
): { from: number; to: number } | null {
  const from = query.changeFrom ?? waves[0];
  const to = query.changeTo ?? waves[waves.length - 1];
  if (from === undefined || to === undefined || from >= to) return null;
  return { from, to };
}

export function outcomeInfo(toc: TheoryOfChange, outcomeId: string, defs: IndicatorDef[]): OutcomeNodeInfo {
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
export interface IndicatorPairs {
  /** Per area and direction of change, over every area in `areas`. */
  ways: PairWayRow[];
  /** In the chosen population, by change. */
  changes: PairChangeRow[];
  /** The areas the change table is made of: every area in scope, less those a slice leaves out. */
  areas: string[];
}

export interface IndicatorInput {
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

export function indicatorDetail(input: IndicatorInput): IndicatorDetail {
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
export function attrition(
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

/**
 * The language breakdown (decision 0048): each indicator's row per language is the population cell of
 * the page filtered to that language; an indicator the filtered page lacks has no answers there.
 */
export function addLanguageBreakdown(
  indicators: IndicatorDetail[],
  byLanguage: { language: string; page: OutcomePageResponse }[],
  area: string | null,
  wave: number | null,
): void {
  for (const indicator of indicators) {
    indicator.byLanguage = {
      rows: byLanguage.map(({ language, page }) => {
        const same = page.indicators.find((i) => i.key === indicator.key);
        const cell: Figure<CellSummary> = same
          ? populationCell(same, area, wave)
          : { suppressed: false, n: 0, values: null };
        return { key: language, label: languageName(language), ...cell };
      }),
      total: populationCell(indicator, area, wave),
    };
  }
}

const languageNames = new Map<string, string>();

/** A language's name in plain English, made once per language (`Intl.DisplayNames` is slow to make). */
export function languageName(locale: string): string {
  let name = languageNames.get(locale);
  if (name === undefined) {
    name = interviewLanguageName(locale);
    languageNames.set(locale, name);
  }
  return name;
}
