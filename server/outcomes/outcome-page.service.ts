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
import { assertAreaInScope } from "../access/area-scope.ts";
import { listAreas } from "../areas/areas.repository.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import { changeFigure, hiddenChangeAreas } from "./change.ts";
import { cellSummaryOf, distributionOf, notAnsweredCounts, summaryOf } from "./figures.ts";
import { type IndicatorDef, indicatorInfo, loadCatalogue } from "./indicator-catalogue.ts";
import { isOrdinal } from "./indicator-kind.ts";
import { processRefreshQueue } from "./indicator-store.ts";
import {
  aggregateCells,
  type BucketRow,
  CellBuckets,
  type CellRead,
  type ExactRows,
  holdAnswersInside,
  insideCells,
  notCountedInterviews,
  outcomeQuestions,
  type PairChangeRow,
  type PairWayRow,
  pairChanges,
  pairCoverage,
  pairsByArea,
  pairWays,
  type QuestionAreaWave,
  type RetainedRow,
  retainedFromBaseline,
  type Slice,
  sliceActive,
  slicedCells,
  slicedPairs,
  slicedRetained,
} from "./indicator-values.repository.ts";
import { INTERVIEW_ROW } from "./indicator-values.ts";
import { smallPairParts, smallParts } from "./part-checks.repository.ts";
import { dimsOf } from "./part-minimums.ts";
import { cellOf, hiddenCells, protectIndicator, unsafeAreaWaves } from "./protection.ts";
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
  /**
   * Tests only: read a slice by grouping every slice cell of the outcome (and every pair slice cell),
   * the definition the page's reads must agree with.
   */
  reference: { groupEverySliceCell?: boolean } = {},
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
    // How much of each area-wave the filters keep, from its interviews (one row each, which every
    // question's answers follow): all of it, none, or part. Only where they keep part of an area-wave
    // that the view shows are the slice cells read; where they keep all of it, its answers are the
    // aggregate's. Rows come in key order, so an area-wave's rows of a question are one run.
    const interviews = new Map<string, { all: number; inside: number }>();
    const interviewsAt = (surveyId: string, areaId: string, w: number) => {
      const key = `${surveyId}\u0000${areaId}\u0000${w}`;
      let counts = interviews.get(key);
      if (!counts) {
        counts = { all: 0, inside: 0 };
        interviews.set(key, counts);
      }
      return counts;
    };
    for (const r of base.buckets) {
      if (r.question === INTERVIEW_ROW) interviewsAt(r.surveyId, r.areaId, r.wave).all += r.n;
    }
    for (const r of interviewsInside.rows()) interviewsAt(r.surveyId, r.areaId, r.wave).inside += r.n;
    const shareAt = (surveyId: string, areaId: string, w: number): "all" | "none" | "part" => {
      const counts = interviews.get(`${surveyId}\u0000${areaId}\u0000${w}`);
      if (!counts || counts.inside === 0) return "none";
      return counts.inside === counts.all ? "all" : "part";
    };
    /** Area-waves with answers left out; then candidates to check for answers inside the filters. */
    const dropped = new Set<string>();
    const toCheck: QuestionAreaWave[] = [];
    /** Per question (survey \0 question), the areas with a shown area-wave the filters keep part of. */
    const partAreas = new Map<string, Set<string>>();
    const runs: Array<{ first: number; end: number; keep: "all" | "part" | "out" }> = [];
    for (let i = 0; i < base.buckets.length; ) {
      const r = base.buckets[i] as BucketRow;
      let end = i + 1;
      for (; end < base.buckets.length; end++) {
        const next = base.buckets[end] as BucketRow;
        if (
          next.wave !== r.wave ||
          next.areaId !== r.areaId ||
          next.question !== r.question ||
          next.surveyId !== r.surveyId ||
          next.outcome !== r.outcome
        )
          break;
      }
      if (r.question !== INTERVIEW_ROW) {
        const share = shareAt(r.surveyId, r.areaId, r.wave);
        const out = excluded.has(r.surveyId, r.question, r.areaId, r.wave);
        if (share !== "none") {
          if (out) {
            if (share === "all") dropped.add(`${r.areaId}\u0000${r.wave}`);
            else toCheck.push({ surveyId: r.surveyId, question: r.question, areaId: r.areaId, wave: r.wave });
          } else if (share === "part") {
            const key = `${r.surveyId}\u0000${r.question}`;
            partAreas.set(key, (partAreas.get(key) ?? new Set()).add(r.areaId));
          }
          runs.push({ first: i, end, keep: out ? "out" : share });
        }
      }
      i = end;
    }
    // An area-wave is left out when some question left out there has an answer inside the filters:
    // checked a question at a time per area-wave, until one has.
    let pending = toCheck.filter((c) => !dropped.has(`${c.areaId}\u0000${c.wave}`));
    while (pending.length > 0) {
      const round = new Map<string, QuestionAreaWave>();
      const rest: QuestionAreaWave[] = [];
      for (const c of pending) {
        const key = `${c.areaId}\u0000${c.wave}`;
        if (round.has(key)) rest.push(c);
        else round.set(key, c);
      }
      for (const c of await holdAnswersInside(db, outcomeId, slice, [...round.values()]))
        dropped.add(`${c.areaId}\u0000${c.wave}`);
      pending = rest.filter((c) => !dropped.has(`${c.areaId}\u0000${c.wave}`));
    }
    const partial = new CellBuckets(isCount, population, "n");
    await insideCells(
      db,
      scope,
      slice,
      questions.filter((q) => partAreas.has(`${q.surveyId}\u0000${q.question}`)),
      (q) => [...(partAreas.get(`${q.surveyId}\u0000${q.question}`) ?? [])],
      partial,
    );
    read = composeInside(base.buckets, runs, interviewsInside, whole, partial);
    if (reference.groupEverySliceCell) {
      const inside = new CellBuckets(isCount, population, "n_in");
      await slicedCells(db, scope, slice, { whole: new CellBuckets(isCount, population, "n"), inside });
      dropped.clear();
      read = inside.read((r) => {
        const out =
          (r.outcome === outcomeId || r.outcome === "") &&
          r.question !== INTERVIEW_ROW &&
          excluded.has(r.surveyId, r.question, r.areaId, r.wave);
        if (out) dropped.add(`${r.areaId}\u0000${r.wave}`);
        return out;
      });
    }
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
    const [allPairs, partPairs] = changeWaves
      ? await Promise.all([
          pairsByArea(db, scope, changeWaves, (q) =>
            areaIds.filter((a) => shareOf(q.surveyId, a) === "all" && shown(q.surveyId, q.question, a)),
          ),
          slicedPairs(db, scope, changeWaves, slice, (q) =>
            areaIds.filter((a) => shareOf(q.surveyId, a) === "part" && shown(q.surveyId, q.question, a)),
          ),
        ])
      : [[], []];
    const slicedRows = reference.groupEverySliceCell
      ? changeWaves
        ? (await slicedPairs(db, scope, changeWaves, slice)).filter((p) =>
            shown(p.surveyId, p.question, p.areaId),
          )
        : []
      : [...allPairs, ...partPairs];
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
    attrition: attrition(defs, catalogue.versions, read.buckets, retained, area),
  };
}

/** A run of the aggregate's rows of one question in one area-wave, and what a slice keeps of it. */
interface Run {
  first: number;
  end: number;
  keep: "all" | "part" | "out";
}

/**
 * A slice's answers, in the aggregate's key order: the interview rows inside it; then for each
 * question's area-wave the slice keeps and shows, the aggregate's own rows where it keeps every
 * interview there, or the slice cells read where it keeps part. The same rows, in the same order, as
 * grouping every slice cell with the filters and leaving out the rest, without reading them.
 */
function composeInside(
  rows: readonly BucketRow[],
  runs: readonly Run[],
  interviews: CellBuckets,
  whole: CellBuckets,
  partial: CellBuckets,
): CellRead {
  const partRows = new Map<string, BucketRow[]>();
  for (const r of partial.rows()) {
    const key = `${r.surveyId}\u0000${r.question}\u0000${r.areaId}\u0000${r.wave}`;
    const list = partRows.get(key);
    if (list) list.push(r);
    else partRows.set(key, [r]);
  }
  const buckets: BucketRow[] = [...interviews.rows()];
  // Count questions' exact answers (medians) follow their rows: per question, area-wave by area-wave.
  const exact = new Map<string, Map<number, number>>();
  // An area-wave's exact rows are one run of each list: where each run starts and ends.
  const runsOf = new Map<ExactRows, Map<string, [number, number]>>();
  const addExact = (table: Map<number, number>, from: ExactRows | undefined, areaId: string, w: number) => {
    if (!from) return;
    let index = runsOf.get(from);
    if (!index) {
      index = new Map();
      for (let i = 0; i < from.values.length; i++) {
        const key = `${from.areas[i]}\u0000${from.waves[i]}`;
        const at = index.get(key);
        if (at) at[1] = i + 1;
        else index.set(key, [i, i + 1]);
      }
      runsOf.set(from, index);
    }
    const [start, end] = index.get(`${areaId}\u0000${w}`) ?? [0, 0];
    for (let i = start; i < end; i++) {
      const value = from.values[i] ?? 0;
      table.set(value, (table.get(value) ?? 0) + (from.counts[i] ?? 0));
    }
  };
  for (const run of runs) {
    if (run.keep === "out") continue;
    const r = rows[run.first] as BucketRow;
    const id = `${r.surveyId}/${r.question}`;
    const exactOf = whole.exactRowsOf(id) ? (exact.get(id) ?? new Map<number, number>()) : undefined;
    if (exactOf) exact.set(id, exactOf);
    if (run.keep === "all") {
      for (let i = run.first; i < run.end; i++) buckets.push(rows[i] as BucketRow);
      if (exactOf) addExact(exactOf, whole.exactRowsOf(id), r.areaId, r.wave);
    } else {
      for (const p of partRows.get(`${r.surveyId}\u0000${r.question}\u0000${r.areaId}\u0000${r.wave}`) ?? [])
        buckets.push(p);
      if (exactOf) addExact(exactOf, partial.exactRowsOf(id), r.areaId, r.wave);
    }
  }
  return { buckets, exact };
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
  };
}

function stripChange(query: OutcomePageQuery): OutcomePageResponse["filters"] {
  const { changeFrom: _from, changeTo: _to, ...filters } = query;
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
