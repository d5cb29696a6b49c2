/**
 * What each statistic on the outcome page means, in plain words. Each use links here ("What is
 * this?"), and each entry has an id so the link lands on it.
 */
export type GlossaryTerm = "ci" | "sd" | "t" | "p" | "dz" | "wilcoxon" | "wilson" | "mcnemar";

const entries: { term: GlossaryTerm; name: string; text: string }[] = [
  {
    term: "ci",
    name: "95% CI (confidence interval)",
    text: "The range the true figure is likely to be in. We only asked some people, so a figure could be a little different if we asked others. If we repeated the survey many times, 95 in 100 such ranges would contain the true figure. When the range for a change includes zero, the change could be chance.",
  },
  {
    term: "sd",
    name: "SD (standard deviation)",
    text: "How spread out the answers are. A small SD means most people gave similar answers; a large SD means answers varied a lot.",
  },
  {
    term: "t",
    name: "Paired t-test, t(df)",
    text: "A check of whether the average change for the same people is bigger than chance would give. t is how many times larger the average change is than its uncertainty; the number in brackets (degrees of freedom) is one less than the number of people.",
  },
  {
    term: "p",
    name: "p (p-value)",
    text: "If nothing had really changed, how often chance alone would give a change at least this big. A small p (below 0.05) means chance is an unlikely explanation; a large p means the change could well be chance. It does not say how big or important the change is.",
  },
  {
    term: "dz",
    name: "Cohen's dz (effect size)",
    text: "How big the average change is compared with how much people's changes varied. As a rough guide, about 0.2 is small, 0.5 medium and 0.8 large.",
  },
  {
    term: "wilcoxon",
    name: "Wilcoxon signed-rank test, V",
    text: "A check like the paired t-test that uses only the order of the changes, not their size, so it suits rating scales. V adds up the ranks of the people whose answer went up. Read its p in the same way.",
  },
  {
    term: "wilson",
    name: "Wilson interval",
    text: "A confidence interval for a share (such as the percentage answering yes) that stays sensible when the share is close to 0% or 100% or the group is small.",
  },
  {
    term: "mcnemar",
    name: "McNemar's test, χ²",
    text: "A check for yes/no questions asked of the same people twice. It compares how many went from yes to no with how many went from no to yes; people who gave the same answer both times do not count. χ² (chi-squared) measures the difference; read its p as above.",
  },
];

export function Glossary() {
  return (
    <section aria-labelledby="glossary-heading" id="glossary">
      <h2 id="glossary-heading">What the figures mean</h2>
      <dl className="glossary">
        {entries.map((e) => (
          <div key={e.term} id={`glossary-${e.term}`} tabIndex={-1}>
            <dt>{e.name}</dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Links to the glossary entries of the figures next to it. */
export function GlossaryLinks({ terms }: { terms: GlossaryTerm[] }) {
  const named = terms.map((t) => entries.find((e) => e.term === t)).filter((e) => e !== undefined);
  return (
    <p className="glossary-links">
      What these figures mean:{" "}
      {named.map((e, i) => (
        <span key={e.term}>
          {i > 0 && ", "}
          <a href={`#glossary-${e.term}`}>{e.name}</a>
        </span>
      ))}
      .
    </p>
  );
}
