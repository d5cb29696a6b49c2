import type {
  Figure,
  IndicatorKind,
  McNemarTest,
  PairedFigure,
  TTest,
  Unavailable,
} from "../../../shared/contract/outcomes.ts";
import {
  pairedChangeFromDifferences,
  wilcoxonFromDifferences,
} from "../../../shared/stats/change-frequencies.ts";
import type { Frequency } from "../../../shared/stats/describe-frequencies.ts";
import { mcnemar } from "../../../shared/stats/mcnemar.ts";
import { suppressTable, tableCell } from "../../../shared/stats/suppress-table.ts";
import type { PairChangeRow, PairWayRow } from "../aggregates/indicator-values.repository.ts";

/**
 * Change between two waves for the same participants, from the counted pairs of one indicator.
 *
 * Each area's number of pairs is a breakdown of the total, protected as a one-column table, so the
 * change shown for one area (with the area filter) and for all areas cannot be subtracted into a
 * hidden area. For a yes/no indicator the tests' figures give back how many changed each way, so they
 * are shown only where those counts are none or at least k, in a second table protected the same way.
 *
 * The pairs arrive counted by their change d = after − before. The paired t-test, Cohen's dz and
 * Wilcoxon's signed-rank test depend on the changes alone, and shared/stats computes them from that
 * frequency table; McNemar's test of a yes/no indicator only needs who went from yes to no (d = −1)
 * and from no to yes (d = +1). Each wave's mean and SD over the paired participants come from sums.
 */
export function changeFigure(input: {
  kind: IndicatorKind;
  ordinal: boolean;
  /** This indicator's pairs per area and direction, over every area in scope. */
  ways: readonly PairWayRow[];
  /** This indicator's pairs in the chosen population, by change. */
  changes: readonly PairChangeRow[];
  areas: readonly string[];
  area: string | null;
  /**
   * Answered at the first wave in the same population, when that figure is itself published; else
   * why not (hidden as a complement, or left out of a filtered view).
   */
  answeredBefore: number | { hidden: "complement" | "left_out" };
  k: number;
}): Figure<PairedFigure> {
  const { ways, areas, area, k } = input;
  const perArea = new Map<string, number>();
  // For yes/no: per area (and over all), how many went yes→no, no→yes, or stayed.
  const byWay = new Map<string | null, Map<number, number>>();
  for (const p of ways) {
    if (!areas.includes(p.areaId)) continue;
    perArea.set(p.areaId, (perArea.get(p.areaId) ?? 0) + p.n);
    for (const key of [p.areaId, null]) {
      const w = byWay.get(key) ?? new Map<number, number>();
      w.set(p.way, (w.get(p.way) ?? 0) + p.n);
      byWay.set(key, w);
    }
  }
  const counts = areas.map((row) => ({ row, column: "pairs", n: perArea.get(row) ?? 0 }));
  const guarded = suppressTable(areas, ["pairs"], counts, k);
  const chosen = tableCell(guarded, area, "pairs");
  if (chosen.suppressed) return { suppressed: true, reason: chosen.reason };
  let testsShown = true;
  if (input.kind === "yes_no") {
    const small = (n: number) => n > 0 && n < k;
    const alsoHide = [...byWay]
      .filter(([, w]) => [...w.values()].some(small))
      .map(([row]) => ({ row, column: "pairs" }));
    const hidden = guarded.cells.filter((c) => c.suppressed).map(({ row, column }) => ({ row, column }));
    testsShown = !tableCell(
      suppressTable(areas, ["pairs"], counts, k, { alsoHide: [...hidden, ...alsoHide] }),
      area,
      "pairs",
    ).suppressed;
  }

  let n = 0;
  let sumBefore = 0;
  let sumAfter = 0;
  let sumsqBefore = 0;
  let sumsqAfter = 0;
  for (const p of input.changes) {
    n += p.n;
    sumBefore += p.sumBefore;
    sumAfter += p.sumAfter;
    sumsqBefore += p.sumsqBefore;
    sumsqAfter += p.sumsqAfter;
  }
  const changes: Frequency[] = input.changes.map((p) => ({ value: p.difference, count: p.n }));

  const figure: PairedFigure = {
    n,
    lost:
      typeof input.answeredBefore === "number"
        ? { suppressed: false, n: Math.max(0, input.answeredBefore - n) }
        : { suppressed: true, reason: input.answeredBefore.hidden },
    before: waveSummary(n, sumBefore, sumsqBefore),
    after: waveSummary(n, sumAfter, sumsqAfter),
    tests: testsShown ? tests(input, changes) : null,
  };
  return { ...figure, suppressed: false };
}

function tests(
  input: { kind: IndicatorKind; ordinal: boolean },
  changes: Frequency[],
): PairedFigure["tests"] {
  const paired = pairedChangeFromDifferences(changes);
  const tTest: TTest | Unavailable = paired.ok
    ? {
        ok: true,
        difference: {
          mean: paired.difference.mean,
          lower: paired.difference.lower,
          upper: paired.difference.upper,
        },
        t: paired.t,
        df: paired.df,
        p: paired.p,
        dz: paired.dz,
      }
    : { ok: false, reason: paired.reason };
  const result: NonNullable<PairedFigure["tests"]> = { tTest };
  if (input.ordinal) {
    const w = wilcoxonFromDifferences(changes);
    result.wilcoxon = w.ok
      ? { ok: true, v: w.v, z: w.z, p: w.p, method: w.method }
      : { ok: false, reason: w.reason };
  }
  if (input.kind === "yes_no") {
    // For 0/1 answers a change of −1 is yes→no and +1 is no→yes; McNemar reads only those two counts.
    const went = (sign: number) =>
      changes.filter((c) => Math.sign(c.value) === sign).reduce((s, c) => s + c.count, 0);
    const stayed = went(0);
    const before = [
      ...Array(went(-1)).fill(true),
      ...Array(went(1)).fill(false),
      ...Array(stayed).fill(false),
    ];
    const after = [
      ...Array(went(-1)).fill(false),
      ...Array(went(1)).fill(true),
      ...Array(stayed).fill(false),
    ];
    const m = mcnemar(before, after);
    result.mcnemar = m.ok
      ? ({ ok: true, b: m.b, c: m.c, chiSquare: m.chiSquare, p: m.p } satisfies McNemarTest)
      : { ok: false, reason: m.reason };
  }
  return result;
}

/**
 * The areas the unfiltered change table hides (below k, or hidden with them): a filtered view must
 * leave these out too, or the unfiltered total minus the filtered areas would give one back.
 */
export function hiddenChangeAreas(
  ways: readonly PairWayRow[],
  areas: readonly string[],
  k: number,
): Set<string> {
  const perArea = new Map<string, number>();
  for (const p of ways) perArea.set(p.areaId, (perArea.get(p.areaId) ?? 0) + p.n);
  const counts = areas.map((row) => ({ row, column: "pairs", n: perArea.get(row) ?? 0 }));
  const guarded = suppressTable(areas, ["pairs"], counts, k);
  return new Set(
    guarded.cells.flatMap((c) => (c.suppressed && c.row !== null && c.column !== null ? [c.row] : [])),
  );
}

/** Mean and sample SD from n, Σx and Σx² (values are small scores and counts, so no cancellation to fear). */
function waveSummary(n: number, sum: number, sumsq: number): { mean: number; sd: number | null } {
  const mean = n > 0 ? sum / n : 0;
  if (n < 2) return { mean, sd: null };
  return { mean, sd: Math.sqrt(Math.max(0, (sumsq - (sum * sum) / n) / (n - 1))) };
}
