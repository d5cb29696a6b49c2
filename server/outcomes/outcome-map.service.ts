import {
  countedReviewStatuses,
  type Figure,
  type HeadlineFigure,
  type IndicatorHeadline,
  type OutcomeHeadline,
  type OutcomeMapResponse,
  type StrandSummary,
} from "../../shared/contract/outcomes.ts";
import { nodeById, outcomes } from "../../shared/toc/theory-of-change.ts";
import { listAreas } from "../areas/areas.repository.ts";
import { cellSummaryOf } from "./figures.ts";
import { type IndicatorDef, indicatorInfo, loadCatalogue } from "./indicator-catalogue.ts";
import { processRefreshQueue } from "./indicator-store.ts";
import { aggregateCells, type BucketRow, CellBuckets } from "./indicator-values.repository.ts";
import type { OutcomesContext } from "./outcome-page.service.ts";
import { cellOf, protectIndicator } from "./protection.ts";
import { theoryOfChange } from "./theory-of-change.ts";

/**
 * The dashboard home: the theory of change, and for each outcome its indicators' latest figure (the
 * mean at the latest wave with answers, over every area in scope), the baseline figure and which way
 * it moved. Figures come from the same protected area × wave table as the outcome page, so the map
 * never shows a cell the page hides.
 */
export async function outcomeMap(ctx: OutcomesContext): Promise<OutcomeMapResponse> {
  const { db, user, k } = ctx;
  const toc = theoryOfChange();
  await processRefreshQueue(db);
  const [catalogue, areas] = await Promise.all([loadCatalogue(db), listAreas(db, user.areaId)]);
  const countKeys = new Set(
    catalogue.indicators.filter((d) => d.kind === "number").map((d) => `${d.surveyId}/${d.question}`),
  );
  const all = new CellBuckets((s, q) => countKeys.has(`${s}/${q}`), { area: null, wave: null }, "n");
  await aggregateCells(db, { outcome: null, areaId: user.areaId }, all);
  const cells = all.read().buckets;
  const areaIds = areas.map((a) => a.id);
  const byIndicator = new Map<string, BucketRow[]>();
  for (const row of cells) {
    const key = `${row.outcome}\u0000${row.surveyId}\u0000${row.question}`;
    const list = byIndicator.get(key) ?? [];
    list.push(row);
    byIndicator.set(key, list);
  }
  const headline = (def: IndicatorDef): IndicatorHeadline => {
    const rows = byIndicator.get(`${def.outcome}\u0000${def.surveyId}\u0000${def.question}`) ?? [];
    const answeredWaves = [...new Set(rows.filter((r) => r.status === "answered").map((r) => r.wave))].sort(
      (a, b) => a - b,
    );
    const latestWave = answeredWaves[answeredWaves.length - 1];
    const firstWave = answeredWaves[0];
    if (latestWave === undefined || firstWave === undefined) {
      return { ...indicatorInfo(def), latest: null, baseline: null, change: null };
    }
    const tables = protectIndicator(def, rows, areaIds, answeredWaves, k);
    const figureAt = (wave: number): Figure<HeadlineFigure> => {
      const cell = cellOf(tables.counts, null, wave);
      if (cell.suppressed) return { suppressed: true, reason: cell.reason };
      const summary = cellSummaryOf(
        rows.filter((r) => r.wave === wave && areaIds.includes(r.areaId)),
        def.kind,
        !tables.meanFollowsValues || !cellOf(tables.values, null, wave).suppressed,
      );
      if (!summary) return { suppressed: true, reason: "below_threshold" };
      return { suppressed: false, n: summary.n, mean: summary.values?.mean ?? null };
    };
    const latest = { wave: latestWave, figure: figureAt(latestWave) };
    const baseline = firstWave === latestWave ? null : { wave: firstWave, figure: figureAt(firstWave) };
    let change: IndicatorHeadline["change"] = null;
    const before = baseline && !baseline.figure.suppressed ? baseline.figure.mean : null;
    const after = !latest.figure.suppressed ? latest.figure.mean : null;
    if (before !== null && after !== null) {
      const difference = after - before;
      if (difference === 0) change = "same";
      else if (def.direction !== null) {
        change = (def.direction === "lowerIsBetter" ? -difference : difference) > 0 ? "better" : "worse";
      }
    }
    return { ...indicatorInfo(def), latest, baseline, change };
  };

  const tocOutcomeIds = new Set(outcomes(toc).map((o) => o.id));
  const grouped = (outcomeId: string): OutcomeHeadline => ({
    outcomeId,
    indicators: catalogue.indicators.filter((d) => d.outcome === outcomeId).map(headline),
  });
  const otherIds = [...new Set(catalogue.indicators.map((d) => d.outcome))]
    .filter((id) => !tocOutcomeIds.has(id))
    .sort();
  const headlines = outcomes(toc).map((o) => grouped(o.id));
  const strands = toc.strands.map((strand): StrandSummary => {
    const mine = headlines.filter((h) => nodeById(toc, h.outcomeId)?.strand === strand.id);
    const indicators = mine.flatMap((h) => h.indicators);
    const way = (change: IndicatorHeadline["change"]) => indicators.filter((i) => i.change === change).length;
    return {
      id: strand.id,
      name: strand.name,
      outcomes: mine.length,
      measured: mine.filter((h) => h.indicators.length > 0).length,
      indicators: indicators.length,
      better: way("better"),
      worse: way("worse"),
      same: way("same"),
      notKnown: way(null),
    };
  });
  return {
    k,
    countedStatuses: countedReviewStatuses,
    theoryOfChange: toc,
    strands,
    outcomes: headlines,
    otherTags: otherIds.map(grouped),
  };
}
