import type { Breakdown, IndicatorDetail, OutcomePageResponse } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { BarChart } from "./BarChart.tsx";
import { ChangeSection } from "./ChangeSection.tsx";
import { FigureTable } from "./FigureTable.tsx";
import {
  directionText,
  formatCount,
  formatNumber,
  formatPercent,
  hiddenSentence,
  hiddenText,
  intervalText,
  kindText,
  meanText,
} from "./format.ts";
import { GlossaryLinks } from "./Glossary.tsx";

/** The address fragments that lead into one indicator's details: its heading and its change section. */
export function indicatorAnchors(d: Pick<IndicatorDetail, "surveyId" | "question">): string[] {
  return [`indicator-${d.surveyId}-${d.question}`, `change-${d.surveyId}-${d.question}`];
}

/**
 * Everything the page shows about one indicator: summary, distribution, completeness, breakdowns,
 * change. Details on demand (issue 15): the heading is a disclosure button, and the details are built
 * only when it is open, so an outcome with many indicators is a summary table and a list of headings.
 */
export function IndicatorSection({
  indicator: d,
  data,
  open,
  onToggle,
}: {
  indicator: IndicatorDetail;
  data: OutcomePageResponse;
  open: boolean;
  onToggle: () => void;
}) {
  const [id] = indicatorAnchors(d) as [string, string];
  return (
    // Named by the question and its survey, so two surveys asking the same question stay two regions.
    <section aria-labelledby={`${id} ${id}-survey`} className="indicator">
      <h2 id={id} className="indicator__heading" tabIndex={-1}>
        <button
          type="button"
          className="indicator__toggle"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={onToggle}
        >
          {d.title}
        </button>
      </h2>
      <p className="muted">
        <span id={`${id}-survey`}>{d.surveyTitle}</span> · {kindText(d.kind)} · {directionText(d.direction)}
      </p>
      <div id={`${id}-details`} className="indicator__details" hidden={!open}>
        {open && <IndicatorDetails indicator={d} data={data} />}
      </div>
    </section>
  );
}

function IndicatorDetails({ indicator: d, data }: { indicator: IndicatorDetail; data: OutcomePageResponse }) {
  const { k } = data;
  const file = (what: string) => `${d.surveyId}-${d.question}-${what}.csv`;
  const yesNo = d.kind === "yes_no";
  const summary = d.summary;
  return (
    <>
      <h3>Summary</h3>
      {summary.suppressed ? (
        <p className="figure-hidden">{hiddenSentence(summary, k, "answered")}</p>
      ) : summary.n === 0 ? (
        <p>
          No answers yet{data.filters.area || data.filters.wave !== undefined ? " with these filters" : ""}.
        </p>
      ) : (
        <dl className="figures">
          <div>
            <dt>Answered (n)</dt>
            <dd>{formatCount(summary.n)}</dd>
          </div>
          {summary.values === null ? (
            <div>
              <dt>Answers</dt>
              <dd>
                Not shown: an answer was given by fewer than {k} people, and these figures would show how
                many.
              </dd>
            </div>
          ) : (
            <>
              {yesNo && summary.values.proportion && (
                <div>
                  <dt>Answering yes (95% CI)</dt>
                  <dd>
                    {formatPercent(summary.values.proportion.value)} (
                    {formatPercent(summary.values.proportion.lower)} to{" "}
                    {formatPercent(summary.values.proportion.upper)})
                  </dd>
                </div>
              )}
              <div>
                <dt>Mean</dt>
                <dd>{formatNumber(summary.values.mean)}</dd>
              </div>
              <div>
                <dt>95% CI of the mean</dt>
                <dd>{intervalText(summary.values.ci)}</dd>
              </div>
              <div>
                <dt>Median</dt>
                <dd>{formatNumber(summary.values.median)}</dd>
              </div>
              <div>
                <dt>Standard deviation</dt>
                <dd>{summary.values.sd === null ? "not enough data" : formatNumber(summary.values.sd)}</dd>
              </div>
            </>
          )}
        </dl>
      )}
      {!summary.suppressed && summary.n > 0 && summary.values !== null && (
        <GlossaryLinks terms={yesNo ? ["ci", "wilson", "sd"] : ["ci", "sd"]} />
      )}

      {d.distribution && (
        <>
          <h3>How people answered</h3>
          {d.distribution.shown ? (
            <>
              <BarChart
                title={`${d.title}: how people answered`}
                description={d.distribution.bars
                  .map((b) => `${b.label}: ${formatCount(b.n)} (${formatPercent(b.proportion)})`)
                  .join("; ")}
                bars={d.distribution.bars.map((b) => ({
                  key: b.key,
                  label: b.label,
                  value: b.proportion,
                  lower: b.lower,
                  upper: b.upper,
                  text: `${formatCount(b.n)} (${formatPercent(b.proportion)})`,
                }))}
              />
              <details>
                <summary>The distribution as a table</summary>
                <FigureTable
                  caption={`${d.title}: answers, with 95% Wilson intervals of each share`}
                  header={["Answer", "People", "Share", "95% CI"]}
                  numeric={[1, 2, 3]}
                  filename={file("distribution")}
                  rows={d.distribution.bars.map((b) => ({
                    key: b.key,
                    cells: [
                      b.label,
                      formatCount(b.n),
                      formatPercent(b.proportion),
                      `${formatPercent(b.lower)} to ${formatPercent(b.upper)}`,
                    ],
                  }))}
                />
              </details>
            </>
          ) : (
            <p className="figure-hidden">
              Not shown: some answers were given by fewer than {k} people here, or would be given away by this
              chart.
            </p>
          )}
        </>
      )}

      {d.completeness && (
        <>
          <h3>Completeness</h3>
          <p>
            {formatCount(d.completeness.answered)} answered.{" "}
            {d.completeness.notAnswered.shown
              ? `${formatCount(d.completeness.notAnswered.skipped)} skipped or not asked; ${formatCount(
                  d.completeness.notAnswered.declined,
                )} preferred not to say, did not know or said it did not apply.`
              : `How many skipped or declined is not shown: ${hiddenText(d.completeness.notAnswered, k)}.`}
          </p>
        </>
      )}

      <h3>By area</h3>
      <BreakdownTable
        breakdown={d.byArea}
        k={k}
        kind={d.kind}
        first="Area"
        caption={`${d.title} by area${data.filters.wave !== undefined ? `, ${waveLabel(data.filters.wave).toLowerCase()}` : ", all waves"}`}
        filename={file("by-area")}
      />
      <h3>By wave</h3>
      <WaveChart indicator={d} />
      <BreakdownTable
        breakdown={d.byWave}
        k={k}
        kind={d.kind}
        first="Wave"
        label={(row) => waveLabel(row)}
        caption={`${d.title} by wave${
          data.filters.area
            ? `, ${data.options.areas.find((a) => a.id === data.filters.area)?.name ?? ""}`
            : ", all areas"
        }`}
        filename={file("by-wave")}
      />
      {d.byLanguage && (
        <>
          <h3>By interview language</h3>
          <p>
            Each row is the figure for the interviews done in that language only, as if you had chosen that
            language in the filters above.
          </p>
          <BreakdownTable
            breakdown={d.byLanguage}
            k={k}
            kind={d.kind}
            first="Interview language"
            caption={`${d.title} by interview language, ${
              data.filters.area
                ? (data.options.areas.find((a) => a.id === data.filters.area)?.name ?? "")
                : "all areas"
            }, ${data.filters.wave !== undefined ? waveLabel(data.filters.wave).toLowerCase() : "all waves"}`}
            filename={file("by-language")}
          />
        </>
      )}
      <ChangeSection indicator={d} k={k} filename={file("change")} sliced={data.slice.active} />
    </>
  );
}

function BreakdownTable({
  breakdown,
  k,
  kind,
  first,
  caption,
  filename,
  label,
}: {
  breakdown: Breakdown;
  k: number;
  kind: IndicatorDetail["kind"];
  first: string;
  caption: string;
  filename: string;
  label?: (key: string) => string;
}) {
  const meanHeader = kind === "yes_no" ? "Share answering yes" : "Mean";
  const cells = (name: string, figure: Breakdown["total"]): string[] => {
    if (figure.suppressed) return [name, hiddenText(figure, k), "", ""];
    if (figure.n === 0) return [name, "0", "no answers", ""];
    if (!figure.values) return [name, formatCount(figure.n), `not shown (a group under ${k})`, ""];
    return [
      name,
      formatCount(figure.n),
      meanText(kind, figure.values.mean),
      intervalText(figure.values.ci, kind === "yes_no"),
    ];
  };
  return (
    <FigureTable
      caption={caption}
      header={[first, "n", meanHeader, "95% CI"]}
      numeric={[1, 2]}
      filename={filename}
      rows={[
        ...breakdown.rows.map((row) => ({
          key: row.key,
          cells: cells(label ? label(row.label) : row.label, row),
        })),
        { key: "__total", cells: cells("All shown", breakdown.total) },
      ]}
    />
  );
}

/**
 * Each wave's mean (or share answering yes) with its 95% interval as a whisker. Bars start at zero;
 * the axis runs to the highest upper limit shown (100% for a share). Waves hidden or without figures
 * are left out of the chart and explained in the table below it.
 */
function WaveChart({ indicator: d }: { indicator: IndicatorDetail }) {
  const shown = d.byWave.rows.flatMap((row) =>
    !row.suppressed && row.values !== null && row.n > 0 ? [{ row, values: row.values }] : [],
  );
  if (shown.length < 2) return null;
  const yesNo = d.kind === "yes_no";
  const top = yesNo
    ? 1
    : Math.max(...shown.map(({ values }) => (values.ci.ok ? values.ci.upper : values.mean)), 0) || 1;
  const bars = shown.map(({ row, values }) => {
    const ci = values.ci.ok ? values.ci : null;
    const interval = ci ? ` (95% CI ${intervalText(values.ci, yesNo)})` : "";
    return {
      key: row.key,
      label: waveLabel(row.label),
      value: values.mean / top,
      ...(ci ? { lower: ci.lower / top, upper: ci.upper / top } : {}),
      text: meanText(d.kind, values.mean),
      interval,
    };
  });
  return (
    <BarChart
      title={`${d.title}: ${yesNo ? "share answering yes" : "average"} at each wave`}
      description={`${bars.map((b) => `${b.label}: ${b.text}${b.interval}`).join("; ")}. Whiskers show the 95% CI.`}
      bars={bars.map(({ interval: _, ...bar }) => bar)}
    />
  );
}
