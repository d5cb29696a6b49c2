import type {
  Figure,
  IndicatorKind,
  McNemarTest,
  PairedFigure,
  TTest,
  Unavailable,
} from "../../shared/contract/outcomes.ts";
import { mcnemar } from "../../shared/stats/mcnemar.ts";
import { pairedChange } from "../../shared/stats/paired-change.ts";
import { suppressBreakdown } from "../../shared/stats/suppress.ts";
import { wilcoxonSignedRank } from "../../shared/stats/wilcoxon-signed-rank.ts";
import type { PairRow } from "./indicator-values.repository.ts";

/**
 * Change between two waves for the same participants, from the counted pairs of one indicator.
 *
 * Each area's number of pairs is a breakdown of the total, protected with `suppressBreakdown`, so the
 * change shown for one area (with the area filter) and for all areas cannot be subtracted into a
 * hidden area.
 *
 * The pairs arrive counted by their change d = after − before. The paired t-test, Cohen's dz and
 * Wilcoxon's signed-rank test depend on the changes alone, so shared/stats's functions get (0, d) for
 * each pair; McNemar's test of a yes/no indicator only needs who went from yes to no (d = −1) and from
 * no to yes (d = +1). Each wave's mean and SD over the paired participants come from running sums.
 */
export function changeFigure(input: {
  kind: IndicatorKind;
  ordinal: boolean;
  pairs: readonly PairRow[];
  areas: readonly string[];
  area: string | null;
  /** Answered at the first wave in the same population, when that figure is itself published. */
  answeredBefore: number | null;
  k: number;
}): Figure<PairedFigure> {
  const { pairs, areas, area, k } = input;
  const perArea = new Map<string, number>();
  for (const p of pairs) perArea.set(p.areaId, (perArea.get(p.areaId) ?? 0) + p.n);
  const guarded = suppressBreakdown(
    areas.map((key) => ({ key, n: perArea.get(key) ?? 0 })),
    k,
  );
  const chosen = area === null ? guarded.total : guarded.cells.find((c) => c.key === area);
  if (!chosen || chosen.suppressed) {
    return { suppressed: true, reason: chosen?.suppressed ? chosen.reason : "below_threshold" };
  }

  const selected = area === null ? pairs : pairs.filter((p) => p.areaId === area);
  let n = 0;
  let sumBefore = 0;
  let sumAfter = 0;
  let sumsqBefore = 0;
  let sumsqAfter = 0;
  for (const p of selected) {
    n += p.n;
    sumBefore += p.sumBefore;
    sumAfter += p.sumAfter;
    sumsqBefore += p.sumsqBefore;
    sumsqAfter += p.sumsqAfter;
  }
  const changes = new Array<number>(n);
  let i = 0;
  for (const p of selected) changes.fill(p.difference, i, (i += p.n));
  const zeros = new Array<number>(n).fill(0);

  const paired = pairedChange(zeros, changes);
  const tTest: TTest | Unavailable = paired.ok
    ? {
        ok: true,
        difference: { mean: paired.difference.mean, lower: paired.difference.lower, upper: paired.difference.upper },
        t: paired.t,
        df: paired.df,
        p: paired.p,
        dz: paired.dz,
      }
    : { ok: false, reason: paired.reason };

  const figure: PairedFigure = {
    n,
    lost:
      input.answeredBefore === null
        ? { suppressed: true, reason: "complement" }
        : { suppressed: false, n: Math.max(0, input.answeredBefore - n) },
    before: waveSummary(n, sumBefore, sumsqBefore),
    after: waveSummary(n, sumAfter, sumsqAfter),
    tTest,
  };
  if (input.ordinal) {
    const w = wilcoxonSignedRank(zeros, changes);
    figure.wilcoxon = w.ok
      ? { ok: true, v: w.v, z: w.z, p: w.p, method: w.method, zeros: w.zeros }
      : { ok: false, reason: w.reason };
  }
  if (input.kind === "yes_no") {
    const m = mcnemar(
      changes.map((d) => d < 0),
      changes.map((d) => d > 0),
    );
    figure.mcnemar = m.ok
      ? ({ ok: true, b: m.b, c: m.c, chiSquare: m.chiSquare, p: m.p } satisfies McNemarTest)
      : { ok: false, reason: m.reason };
  }
  return { ...figure, suppressed: false };
}

/** Mean and sample SD from n, Σx and Σx² (values are small scores and counts, so no cancellation to fear). */
function waveSummary(n: number, sum: number, sumsq: number): { mean: number; sd: number | null } {
  const mean = n > 0 ? sum / n : 0;
  if (n < 2) return { mean, sd: null };
  return { mean, sd: Math.sqrt(Math.max(0, (sumsq - (sum * sum) / n) / (n - 1))) };
}
