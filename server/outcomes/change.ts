import type {
  Figure,
  IndicatorKind,
  McNemarTest,
  PairedFigure,
  TTest,
  Unavailable,
} from "../../shared/contract/outcomes.ts";
import { describeFrequencies, type Frequency } from "../../shared/stats/describe-frequencies.ts";
import { mcnemar } from "../../shared/stats/mcnemar.ts";
import { pairedChange } from "../../shared/stats/paired-change.ts";
import { suppressBreakdown } from "../../shared/stats/suppress.ts";
import { wilcoxonSignedRank } from "../../shared/stats/wilcoxon-signed-rank.ts";
import type { PairRow } from "./indicator-values.repository.ts";

/**
 * Change between two waves for the same participants, from the counted pairs of one indicator.
 * Each area's number of pairs is a breakdown of the total, protected with `suppressBreakdown`, so the
 * change shown for one area (with the area filter) and for all areas cannot be subtracted into a
 * hidden area. The statistics are shared/stats's, on the pairs written out as two aligned arrays.
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
  const perArea = areas.map((key) => ({ key, n: pairs.filter((p) => p.areaId === key).reduce((s, p) => s + p.n, 0) }));
  const guarded = suppressBreakdown(perArea, k);
  const chosen = area === null ? guarded.total : guarded.cells.find((c) => c.key === area);
  if (!chosen || chosen.suppressed) {
    return { suppressed: true, reason: chosen?.suppressed ? chosen.reason : "below_threshold" };
  }

  const selected = area === null ? pairs : pairs.filter((p) => p.areaId === area);
  const before: number[] = [];
  const after: number[] = [];
  for (const p of selected) {
    for (let i = 0; i < p.n; i++) {
      before.push(p.before);
      after.push(p.after);
    }
  }
  const n = before.length;
  const side = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const d = describeFrequencies([...counts].map(([value, count]): Frequency => ({ value, count })));
    return d.ok ? { mean: d.mean, sd: d.sd } : { mean: 0, sd: null };
  };

  const paired = pairedChange(before, after);
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
    before: side(before),
    after: side(after),
    tTest,
  };
  if (input.ordinal) {
    const w = wilcoxonSignedRank(before, after);
    figure.wilcoxon = w.ok
      ? { ok: true, v: w.v, z: w.z, p: w.p, method: w.method, zeros: w.zeros }
      : ({ ok: false, reason: w.reason } satisfies Unavailable);
  }
  if (input.kind === "yes_no") {
    const m = mcnemar(
      before.map((v) => v === 1),
      after.map((v) => v === 1),
    );
    figure.mcnemar = m.ok
      ? ({ ok: true, b: m.b, c: m.c, chiSquare: m.chiSquare, p: m.p } satisfies McNemarTest)
      : { ok: false, reason: m.reason };
  }
  return { ...figure, suppressed: false };
}
