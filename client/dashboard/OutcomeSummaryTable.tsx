import type { IndicatorDetail, OutcomePageResponse } from "../../shared/contract/index.ts";
import { type ChangeVerdict, changeVerdict } from "../../shared/stats/change-verdict.ts";
import { FigureTable } from "./FigureTable.tsx";
import { formatCount, formatPercent, hiddenText, intervalText, meanText, waveName } from "./format.ts";

const verdictWords: Record<ChangeVerdict, string> = {
  better: "Clearly better",
  worse: "Clearly worse",
  up: "Clearly higher",
  down: "Clearly lower",
  no_clear_change: "No clear change",
};

/** Every indicator of the outcome in one table, before the details of each. */
export function OutcomeSummaryTable({ data }: { data: OutcomePageResponse }) {
  const { k } = data;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <p>
        One row per question. “Change” compares the same people; it says “clearly” only when we are 95% sure
        the change is not zero. The details of each question follow.
      </p>
      <FigureTable
        caption={`${data.outcome.short}: summary of every question`}
        header={["Question", "Answered", "Average", "95% CI", "Change for the same people"]}
        numeric={[1, 2]}
        filename={`${data.outcome.id}-summary`}
        rows={data.indicators.map((d) => ({
          key: d.key,
          cells: [d.title, answered(d, k), ...average(d, k), change(d)],
        }))}
      />
    </section>
  );
}

function answered(d: IndicatorDetail, k: number): string {
  return d.summary.suppressed ? hiddenText(d.summary, k) : formatCount(d.summary.n);
}

function average(d: IndicatorDetail, k: number): [string, string] {
  const s = d.summary;
  if (s.suppressed) return ["not shown", ""];
  if (s.n === 0) return ["no answers yet", ""];
  if (s.values === null) return [`not shown: an answer was given by fewer than ${k} people`, ""];
  const p = s.values.proportion;
  if (d.kind === "yes_no" && p) {
    return [meanText(d.kind, p.value), `${formatPercent(p.lower)} to ${formatPercent(p.upper)}`];
  }
  return [meanText(d.kind, s.values.mean), intervalText(s.values.ci)];
}

function change(d: IndicatorDetail): string {
  const c = d.change;
  if (!c.available) return "one wave only";
  const f = c.figure;
  const span = `${waveName(c.fromWave).toLowerCase()} to ${waveName(c.toWave).toLowerCase()}`;
  if (f.suppressed) return "not shown";
  if (f.n === 0) return "nobody answered at both waves yet";
  const t = f.tests?.tTest;
  if (!t?.ok) return "not enough to tell";
  return `${verdictWords[changeVerdict(t.difference, d.direction)]}, ${span}`;
}
