import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { INTERVIEW_ROW } from "../ingest/indicator-values.ts";
import type { AreaWaves } from "../protection/protection.ts";
import {
  aggregateCells,
  type BucketRow,
  CellBuckets,
  type CellRead,
  type ExactRows,
  holdAnswersInside,
  insideCells,
  type OutcomeQuestion,
  type Population,
  pairsByArea,
  type QuestionAreaWave,
  type Slice,
  type SlicedPairRow,
  slicedPairs,
  type ValueScope,
} from "./indicator-values.repository.ts";

/** What a filtered page has worked out before it reads the answers inside its slice. */
export interface SliceAnswersInput {
  db: Kysely<Database>;
  scope: ValueScope & { outcome: string };
  outcomeId: string;
  slice: Slice;
  /** The outcome's questions and interview rows, in key order. */
  questions: readonly OutcomeQuestion[];
  isCount: (surveyId: string, question: string) => boolean;
  population: Population;
  /** Question area-waves the slice must leave out (hidden unfiltered, or cut into a part below k). */
  excluded: AreaWaves;
  /** The whole scope's aggregate rows, in key order. */
  base: readonly BucketRow[];
  /** The buckets `base` was read into (with the exact values of count questions). */
  whole: CellBuckets;
  /** The interview rows inside the slice. */
  interviewsInside: CellBuckets;
}

/** What a filtered page has worked out before it reads the pairs inside its slice. */
export interface SlicePairsInput {
  db: Kysely<Database>;
  scope: ValueScope & { outcome: string };
  waves: { from: number; to: number };
  slice: Slice;
  areaIds: readonly string[];
  /** How much of an area's interview pairs the slice keeps. */
  shareOf: (surveyId: string, areaId: string) => string;
  /** The unfiltered change table shows this question's area, and the slice cuts it into parts of k or more. */
  shown: (surveyId: string, question: string, areaId: string) => boolean;
}

/**
 * How a filtered page reads inside its slice: the answers (with the area-waves left out, as area \0
 * wave) and the pairs between the change waves, per question in key order.
 */
export interface SliceReader {
  /** The whole scope's aggregate as distribution bars, with count questions' exact values. */
  cells: typeof aggregateCells;
  answers(input: SliceAnswersInput): Promise<{ read: CellRead; dropped: Set<string> }>;
  pairs(input: SlicePairsInput): Promise<SlicedPairRow[]>;
}

/**
 * The page's reader: the slice cells only where the filters keep part of an area-wave the view shows
 * (the pair slice cells only where they keep part of an area's pairs); where they keep all of it the
 * aggregate's rows are its answers, and where none, nothing (docs/decisions/0019).
 */
export const composedSliceReader: SliceReader = {
  cells: aggregateCells,
  async answers(input) {
    const { db, scope, outcomeId, slice, questions, isCount, population, excluded, base, whole } = input;
    const { interviewsInside } = input;
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
    for (const r of base) {
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
    for (let i = 0; i < base.length; ) {
      const r = base[i] as BucketRow;
      let end = i + 1;
      for (; end < base.length; end++) {
        const next = base[end] as BucketRow;
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
    return { read: composeInside(base, runs, interviewsInside, whole, partial), dropped };
  },
  async pairs({ db, scope, waves, slice, areaIds, shareOf, shown }) {
    const [allPairs, partPairs] = await Promise.all([
      pairsByArea(db, scope, waves, (q) =>
        areaIds.filter((a) => shareOf(q.surveyId, a) === "all" && shown(q.surveyId, q.question, a)),
      ),
      slicedPairs(db, scope, waves, slice, (q) =>
        areaIds.filter((a) => shareOf(q.surveyId, a) === "part" && shown(q.surveyId, q.question, a)),
      ),
    ]);
    return [...allPairs, ...partPairs];
  },
};

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
