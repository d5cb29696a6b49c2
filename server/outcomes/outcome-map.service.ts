import {
  countedReviewStatuses,
  type Figure,
  type HeadlineFigure,
  type IndicatorHeadline,
  type OutcomeHeadline,
  type OutcomeMapResponse,
  type StrandSummary,
} from "../../shared/contract/outcomes.ts";
import { changeVerdict, expectedByChance } from "../../shared/stats/change-verdict.ts";
import { DEFAULT_LEVEL } from "../../shared/stats/result.ts";
import { isOrdinal } from "../../shared/survey/indicator-kind.ts";
import { nodeById, outcomes } from "../../shared/toc/theory-of-change.ts";
import { listAreas } from "../areas/areas.repository.ts";
import {
  aggregateCells,
  type BucketRow,
  CellBuckets,
  type PairChangeRow,
  type PairWayRow,
  pairChanges,
  pairWays,
} from "./aggregates/indicator-values.repository.ts";
import { type IndicatorDef, indicatorInfo, loadCatalogue } from "./indicator-catalogue.ts";
import { processRefreshQueue } from "./ingest/indicator-store.ts";
import type { OutcomesContext } from "./outcome-page.service.ts";
import { changeFigure } from "./page/change.ts";
import { cellSummaryOf } from "./page/figures.ts";
import { cellOf, protectIndicator } from "./protection/protection.ts";
import { theoryOfChange } from "./theory-of-change.ts";

/**
 * The dashboard home: the theory of change, and for each outcome its indicators' latest figure (the
 * mean at the latest wave with answers, over every area in scope), the baseline figure and which way
 * it moved. Figures come from the same protected area × wave table as the outcome page, so the map
 * never shows a cell the page hides.
 *
 * Which way it moved is the outcome page's paired change (same participants, baseline to latest wave,
 * every area in scope, protected the same way): "better" or "worse" only when its 95% interval
 * excludes zero, else "no clear change" (docs/decisions/0033-say-only-what-the-data-support.md).
 */
export async function outcomeMap(
  ctx: OutcomesContext,
  /** How the aggregate is read (tests pass a reference reader to compare with). */
  readCells: typeof aggregateCells = aggregateCells,
): Promise<OutcomeMapResponse> {
  const { db, user, k } = ctx;
  const toc = theoryOfChange();
  await processRefreshQueue(db);
  const [catalogue, areas] = await Promise.all([loadCatalogue(db), listAreas(db, user.areaId)]);
  const counts = catalogue.indicators.filter((d) => d.kind === "number");
  const countKeys = new Set(counts.map((d) => `${d.surveyId}/${d.question}`));
  const all = new CellBuckets((s, q) => countKeys.has(`${s}/${q}`), { area: null, wave: null }, "n");
  // The map's figures are means and counts: no medians, so no exact values.
  await readCells(db, { outcome: null, areaId: user.areaId }, all, counts, "none");
  const cells = all.read().buckets;
  const areaIds = areas.map((a) => a.id);
  const byIndicator = new Map<string, BucketRow[]>();
  for (const row of cells) {
    const key = `${row.outcome}\u0000${row.surveyId}\u0000${row.question}`;
    const list = byIndicator.get(key) ?? [];
    list.push(row);
    byIndicator.set(key, list);
  }
  const scopeOf = (outcome: string) => ({ outcome, areaId: user.areaId });
  const pairsCache = new Map<string, Promise<[PairWayRow[], PairChangeRow[]]>>();
  const pairsOf = (outcome: string, from: number, to: number) => {
    const key = `${outcome}\u0000${from}\u0000${to}`;
    let found = pairsCache.get(key);
    if (!found) {
      found = Promise.all([
        pairWays(db, scopeOf(outcome), { from, to }),
        pairChanges(db, scopeOf(outcome), { from, to }, null),
      ]);
      pairsCache.set(key, found);
    }
    return found;
  };
  const verdictOf = async (
    def: IndicatorDef,
    from: number,
    to: number,
    answeredBefore: number | null,
  ): Promise<IndicatorHeadline["change"]> => {
    const [allWays, allChanges] = await pairsOf(def.outcome, from, to);
    const mine = <T extends { surveyId: string; question: string }>(rows: T[]) =>
      rows.filter((r) => r.surveyId === def.surveyId && r.question === def.question);
    const changes = mine(allChanges);
    const figure = changeFigure({
      kind: def.kind,
      ordinal: isOrdinal(def.kind),
      ways: mine(allWays),
      changes,
      areas: areaIds,
      area: null,
      answeredBefore: answeredBefore ?? { hidden: "complement" },
      k,
    });
    if (figure.suppressed || !figure.tests) return null;
    const { tTest } = figure.tests;
    if (!tTest.ok) {
      // Everyone changed by the same amount: zero is no change; any other amount is a clear change.
      if (tTest.reason !== "no_variation" || figure.n < 2) return null;
      const d = changes[0]?.difference;
      if (d === undefined) return null;
      return d === 0 ? "no_clear_change" : changeVerdict({ lower: d, upper: d }, def.direction);
    }
    return changeVerdict(tTest.difference, def.direction);
  };
  const headline = async (def: IndicatorDef): Promise<IndicatorHeadline> => {
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
    const change =
      baseline === null
        ? null
        : await verdictOf(def, firstWave, latestWave, baseline.figure.suppressed ? null : baseline.figure.n);
    return { ...indicatorInfo(def), latest, baseline, change };
  };

  const tocOutcomeIds = new Set(outcomes(toc).map((o) => o.id));
  const grouped = async (outcomeId: string): Promise<OutcomeHeadline> => ({
    outcomeId,
    indicators: await Promise.all(catalogue.indicators.filter((d) => d.outcome === outcomeId).map(headline)),
  });
  const otherIds = [...new Set(catalogue.indicators.map((d) => d.outcome))]
    .filter((id) => !tocOutcomeIds.has(id))
    .sort();
  const headlines = await Promise.all(outcomes(toc).map((o) => grouped(o.id)));
  const others = await Promise.all(otherIds.map(grouped));
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
      noClearChange: way("no_clear_change"),
      notKnown: indicators.length - way("better") - way("worse") - way("no_clear_change"),
    };
  });
  const tested = [...headlines, ...others]
    .flatMap((h) => h.indicators)
    .filter((i) => i.change !== null).length;
  return {
    k,
    countedStatuses: countedReviewStatuses,
    theoryOfChange: toc,
    strands,
    changeTested: {
      tested,
      expectedByChance: expectedByChance(tested),
      levelPercent: Math.round(DEFAULT_LEVEL * 100),
    },
    outcomes: headlines,
    otherTags: others,
  };
}
