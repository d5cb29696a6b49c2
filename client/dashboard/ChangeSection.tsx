import type { IndicatorDetail } from "../../shared/contract/index.ts";
import { waveInSentence, waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { attritionCaveat, changeSentence, sentenceKind } from "../../shared/stats/plain-language.ts";
import { FigureTable } from "./FigureTable.tsx";
import { formatCount, formatNumber, formatP, hiddenSentence, hiddenText, unavailableText } from "./format.ts";
import { GlossaryLinks, type GlossaryTerm } from "./Glossary.tsx";

/**
 * Change between two waves for the same participants: each wave's mean over the people seen at both,
 * the mean change with its 95% interval, and the tests, worded so a reader need not know statistics
 * to see which way things went and how sure we can be. A part of its indicator's region, not a
 * landmark of its own: every indicator has one, under the same heading (axe `landmark-unique`).
 */
export function ChangeSection({
  indicator: d,
  k,
  filename,
  sliced,
}: {
  indicator: IndicatorDetail;
  k: number;
  filename: string;
  /** A version, mode or month filter is on: a pair counts when both interviews fall inside it. */
  sliced: boolean;
}) {
  const c = d.change;
  const headingId = `change-${d.surveyId}-${d.question}`;
  if (!c.available) {
    return (
      <div className="change">
        <h3 id={headingId}>Change for the same participants</h3>
        <p>Not available: there are answers from one wave only.</p>
      </div>
    );
  }
  const title = `Change from ${waveLabel(c.fromWave).toLowerCase()} to ${waveLabel(c.toWave).toLowerCase()}, same participants`;
  const f = c.figure;
  if (f.suppressed) {
    return (
      <div className="change">
        <h3 id={headingId}>{title}</h3>
        <p className="figure-hidden">
          {f.reason === "left_out"
            ? "Not shown: with these filters this area's pairs would be cut into a group of fewer than " +
              `${k}, so it is left out.`
            : hiddenSentence(f, k, "answered at both waves")}
        </p>
      </div>
    );
  }
  if (f.n === 0) {
    return (
      <div className="change">
        <h3 id={headingId}>{title}</h3>
        <p>No participant has answered this question at both waves yet.</p>
      </div>
    );
  }
  const t = f.tests?.tTest;
  const rows: [string, string][] = [
    ["Participants answering at both waves", formatCount(f.n)],
    [
      sliced
        ? "Answered at the first wave inside these filters but not at the second inside them"
        : "Answered at the first wave but not the second",
      f.lost.suppressed ? hiddenText(f.lost, k) : formatCount(f.lost.n),
    ],
    [
      `Mean at ${waveLabel(c.fromWave).toLowerCase()} (SD)`,
      `${formatNumber(f.before.mean)} (${sdText(f.before.sd)})`,
    ],
    [
      `Mean at ${waveLabel(c.toWave).toLowerCase()} (SD)`,
      `${formatNumber(f.after.mean)} (${sdText(f.after.sd)})`,
    ],
  ];
  if (!f.tests) {
    rows.push([
      "Tests",
      `not shown: fewer than ${k} people changed one way, and the tests would show how many`,
    ]);
  } else if (t?.ok) {
    rows.push(
      ["Mean change", formatNumber(t.difference.mean)],
      [
        "95% CI of the mean change",
        `${formatNumber(t.difference.lower)} to ${formatNumber(t.difference.upper)}`,
      ],
      ["Paired t-test", `t(${t.df}) = ${formatNumber(t.t)}, p = ${formatP(t.p)}`],
      ["Effect size (Cohen's dz)", formatNumber(t.dz)],
    );
  } else if (t) {
    rows.push(["Mean change and t-test", unavailableText(t)]);
  }
  const terms: GlossaryTerm[] = ["sd"];
  if (t?.ok) terms.push("ci", "t", "p", "dz");
  const caveat = f.lost.suppressed ? null : attritionCaveat(f.n, f.lost.n);
  const w = f.tests?.wilcoxon;
  if (w?.ok) terms.push("wilcoxon");
  if (w) {
    rows.push([
      "Wilcoxon signed-rank test",
      w.ok
        ? `V = ${formatNumber(w.v)}, p = ${formatP(w.p)} (${w.method === "exact" ? "exact" : "normal approximation"})`
        : unavailableText(w),
    ]);
  }
  const m = f.tests?.mcnemar;
  if (m?.ok) terms.push("mcnemar");
  if ((w?.ok || m?.ok) && !terms.includes("p")) terms.push("p");
  if (m) {
    rows.push([
      "McNemar's test",
      m.ok
        ? `${formatCount(m.b)} went from yes to no, ${formatCount(m.c)} from no to yes; χ² = ${formatNumber(m.chiSquare)}, p = ${formatP(m.p)}`
        : unavailableText(m),
    ]);
  }
  return (
    <div className="change">
      <h3 id={headingId}>{title}</h3>
      {sliced && (
        <p>
          With the version, mode or month filters, a participant counts here only when both interviews fall
          inside them.
        </p>
      )}
      {t?.ok && (
        <p className="change-summary">
          {changeSentence({
            kind: sentenceKind(d.kind),
            direction: d.direction,
            mean: t.difference.mean,
            lower: t.difference.lower,
            upper: t.difference.upper,
            fromName: waveInSentence(c.fromWave),
            toName: waveInSentence(c.toWave),
            levelPercent: 95,
          })}
        </p>
      )}
      {caveat && (
        <p className="notice notice--warning" role="note">
          {caveat}
        </p>
      )}
      <FigureTable
        caption={`${d.title}: ${title.toLowerCase()}`}
        header={["Figure", "Value"]}
        filename={filename}
        rows={rows.map(([label, value]) => ({ key: label, cells: [label, value] }))}
      />
      <GlossaryLinks terms={terms} />
    </div>
  );
}

function sdText(sd: number | null): string {
  return sd === null ? "SD not enough data" : `SD ${formatNumber(sd)}`;
}
