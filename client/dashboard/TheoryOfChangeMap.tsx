import type { IndicatorHeadline, OutcomeHeadline, OutcomeMapResponse } from "../../shared/contract/index.ts";
import { waveInSentence } from "../../shared/follow-ups/wave-label.ts";
import type { StageId, TocNode } from "../../shared/toc/theory-of-change.ts";
import { Link } from "../routing/router.tsx";
import {
  afterTitle,
  directionText,
  formatCount,
  headlineText,
  hiddenText,
  useReleasePrecision,
} from "./format.ts";

/**
 * The theory of change as the dashboard's home: one section per strand, reading left to right as the
 * diagram does (enablers → activities → outcomes), then the vision they all lead to. A structured
 * layout of headings, lists and links rather than a drawn graph: it reads in order with a screen
 * reader and with the keyboard, and wraps on a narrow screen. Each outcome shows its indicators'
 * latest figure, which way it moved, and opens the outcome's page.
 */
export function TheoryOfChangeMap({ data }: { data: OutcomeMapResponse }) {
  useReleasePrecision(data.view);
  const toc = data.theoryOfChange;
  const headlines = new Map(data.outcomes.map((o) => [o.outcomeId, o]));
  const stageName = (id: StageId) => toc.stages.find((s) => s.id === id)?.name ?? id;
  const inStrand = (strand: string | null, stage: StageId) =>
    toc.nodes.filter((n) => n.stage === stage && n.strand === strand);
  const crossCutting = toc.nodes.filter((n) => n.stage === "enabler" && n.strand === null);
  const vision = toc.nodes.filter((n) => n.stage === "vision");

  return (
    <div className="toc">
      <p>
        Read each strand from left to right: {stageName("enabler").toLowerCase()} make {stageName("activity")}{" "}
        possible, which lead to {stageName("outcome").toLowerCase()}, which lead to the{" "}
        {stageName("vision").toLowerCase()}. Every figure counts responses received or approved.{" "}
        {data.view === "released"
          ? `A figure about fewer than ${data.k} people is not shown.`
          : "Every figure is exact: nothing is hidden or rounded."}
      </p>
      <ChangeNote data={data} />
      {crossCutting.length > 0 && (
        <section aria-labelledby="toc-all-strands" className="toc__band">
          <h3 id="toc-all-strands">{stageName("enabler")} across every strand</h3>
          <NodeList nodes={crossCutting} />
        </section>
      )}
      {toc.strands.map((strand) => {
        const strandOutcomes = inStrand(strand.id, "outcome");
        const measured = strandOutcomes.filter(
          (o) => (headlines.get(o.id)?.indicators.length ?? 0) > 0,
        ).length;
        return (
          <section key={strand.id} aria-labelledby={`toc-${strand.id}`} className="toc__strand">
            <h3 id={`toc-${strand.id}`}>{strand.name}</h3>
            <p className="muted">
              {measured} of {strandOutcomes.length} outcomes measured by a survey question.
            </p>
            <div className="toc__stages">
              <div className="toc__stage">
                <h4>{stageName("enabler")}</h4>
                <NodeList nodes={inStrand(strand.id, "enabler")} />
              </div>
              <div className="toc__stage">
                <h4>{stageName("activity")}</h4>
                <NodeList nodes={inStrand(strand.id, "activity")} />
              </div>
              <div className="toc__stage toc__stage--outcomes">
                <h4>{stageName("outcome")}</h4>
                <ul className="toc__outcomes">
                  {strandOutcomes.map((node) => (
                    <OutcomeCard key={node.id} node={node} headline={headlines.get(node.id)} k={data.k} />
                  ))}
                </ul>
              </div>
            </div>
          </section>
        );
      })}
      <section aria-labelledby="toc-vision" className="toc__band">
        <h3 id="toc-vision">{stageName("vision")}</h3>
        <NodeList nodes={vision} />
      </section>
      {data.otherTags.length > 0 && (
        <section aria-labelledby="toc-other" className="toc__band">
          <h3 id="toc-other">Tags that are not outcomes of the theory of change</h3>
          <ul className="toc__outcomes">
            {data.otherTags.map((o) => (
              <OutcomeCard key={o.outcomeId} node={null} headline={o} k={data.k} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** What "clearly better" means, and how many clear changes chance alone would give. */
function ChangeNote({ data }: { data: OutcomeMapResponse }) {
  const { tested, expectedByChance, levelPercent } = data.changeTested;
  if (tested === 0) return null;
  return (
    <p className="toc__change-note">
      Each change compares the same people at baseline and at the latest follow-up. We say “clearly better” or
      “clearly worse” only when we are {levelPercent}% sure the change is not zero; otherwise we say “no clear
      change”. We compared {formatCount(tested)} {tested === 1 ? "indicator" : "indicators"}: even if nothing
      had really changed, about {expectedByChance.toLocaleString("en-GB")} of them would look clearly better
      or worse by chance alone, so read a single clear change with care.
    </p>
  );
}

function NodeList({ nodes }: { nodes: TocNode[] }) {
  if (nodes.length === 0) return <p className="muted">None in this strand.</p>;
  return (
    <ul className="toc__nodes">
      {nodes.map((n) => (
        <li key={n.id} title={n.text}>
          {n.short}
        </li>
      ))}
    </ul>
  );
}

function OutcomeCard({
  node,
  headline,
  k,
}: {
  node: TocNode | null;
  headline: OutcomeHeadline | undefined;
  k: number;
}) {
  const id = node?.id ?? headline?.outcomeId ?? "";
  const indicators = headline?.indicators ?? [];
  return (
    <li className="outcome-card">
      <Link to={`/dashboard/outcomes/${encodeURIComponent(id)}`} className="outcome-card__link">
        {node?.short ?? id}
      </Link>
      {indicators.length === 0 ? (
        <p className="outcome-card__gap">No survey question measures this outcome yet.</p>
      ) : (
        <ul className="outcome-card__indicators">
          {indicators.map((i) => (
            <li key={i.key}>
              <IndicatorLine indicator={i} k={k} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

const changeWords = {
  better: "clearly better than",
  worse: "clearly worse than",
  up: "clearly higher than",
  down: "clearly lower than",
  no_clear_change: "no clear change since",
} as const;

function IndicatorLine({ indicator: i, k }: { indicator: IndicatorHeadline; k: number }) {
  if (!i.latest) {
    return (
      <>
        <span className="outcome-card__title">{i.title}</span>
        {afterTitle(i.title, "no answers yet.")}
      </>
    );
  }
  const { figure, wave } = i.latest;
  const value = figure.suppressed
    ? `not shown (${hiddenText(figure, k)})`
    : headlineText(i.kind, figure.mean, figure.n, k);
  return (
    <>
      <span className="outcome-card__title">{i.title}</span>
      {afterTitle(i.title, value)} at {waveInSentence(wave)} · {directionText(i.direction)}
      {i.change && i.baseline && (
        <>
          {" "}
          · <strong className={`change change--${i.change}`}>{changeWords[i.change]}</strong>{" "}
          {waveInSentence(i.baseline.wave)}
        </>
      )}
    </>
  );
}
