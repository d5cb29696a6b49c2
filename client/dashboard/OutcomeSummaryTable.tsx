import type { IndicatorDetail, OutcomePageResponse } from "../../shared/contract/index.ts";
import { waveInSentence, waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { type ChangeVerdict, changeVerdict } from "../../shared/stats/change-verdict.ts";
import { changeSentence, sentenceKind } from "../../shared/stats/plain-language.ts";
import { FigureTable } from "./FigureTable.tsx";
import { formatCount, formatPercent, hiddenText, intervalText, meanText } from "./format.ts";
import { indicatorAnchors } from "./IndicatorSection.tsx";

const verdictWords: Record<ChangeVerdict, string> = {
  better: "Clearly better",
  worse: "Clearly worse",
  up: "Clearly higher",
  down: "Clearly lower",
  no_clear_change: "No clear change",
};

/**
 * Every indicator of the outcome in one table, before the details of each: its figure with the
 * interval, the change for the same people and what that change means in a sentence. Each question
 * links to its details, which open on demand.
 */
export function OutcomeSummaryTable({
  data,
  onOpen,
}: {
  data: OutcomePageResponse;
  /** The details of this indicator are wanted (its link was followed). */
  onOpen: (key: string) => void;
}) {
  const { k } = data;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <p>
        One row per question. “Change” compares the same people; it says “clearly” only when we are 95% sure
        the change is not zero. Choose a question to see its details: how people answered, by area, by wave
        and the tests.
      </p>
      <FigureTable
        caption={`${data.outcome.short}: summary of every question`}
        header={["Question", "Answered", "Average", "95% CI", "Change for the same people", "What it means"]}
        numeric={[1, 2]}
        filename={`${data.outcome.id}-summary`}
        rows={data.indicators.map((d) => ({
          key: d.key,
          cells: [d.title, answered(d, k), ...average(d, k), change(d), meaning(d, k)],
          head: (
            <a href={`#${indicatorAnchors(d)[0]}`} onClick={() => onOpen(d.key)}>
              {d.title}
            </a>
          ),
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
  const span = `${waveLabel(c.fromWave).toLowerCase()} to ${waveLabel(c.toWave).toLowerCase()}`;
  if (f.suppressed) return "not shown";
  if (f.n === 0) return "nobody answered at both waves yet";
  const t = f.tests?.tTest;
  if (!t?.ok) return "not enough to tell";
  return `${verdictWords[changeVerdict(t.difference, d.direction)]}, ${span}`;
}

/** The change in a plain sentence, the same one the details give; or why there is none. */
function meaning(d: IndicatorDetail, k: number): string {
  const c = d.change;
  if (!c.available) return "Asked at one wave only so far, so there is no change to show.";
  const f = c.figure;
  if (f.suppressed) return `Not shown: it would give away a group of fewer than ${k} people.`;
  if (f.n === 0) return "Nobody has answered this at both waves yet.";
  if (!f.tests) return `Not shown: fewer than ${k} people changed one way, and it would show how many.`;
  const t = f.tests.tTest;
  if (!t?.ok) {
    return t?.reason === "no_variation"
      ? "Everyone changed by the same amount, so how sure we can be cannot be worked out."
      : "Too few people answered at both waves to say how it changed.";
  }
  return changeSentence({
    kind: sentenceKind(d.kind),
    direction: d.direction,
    mean: t.difference.mean,
    lower: t.difference.lower,
    upper: t.difference.upper,
    fromName: waveInSentence(c.fromWave),
    toName: waveInSentence(c.toWave),
    levelPercent: 95,
  });
}
