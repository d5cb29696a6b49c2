import type { ReactNode } from "react";
import type {
  ParticipantSummary,
  ReleaseAnnotation,
  ReleaseOutcome,
  ReleaseSignOff,
  ReleaseSnapshot,
  ReleaseTable,
  Unnamed,
} from "../../shared/contract/releases.ts";
import { dateText, withheldCount } from "./format.ts";
import { ReleaseFigure } from "./ReleaseFigure.tsx";

/** What a release document needs: a published release, or a checked one seen before publishing. */
export interface ReleaseDocumentData {
  title: string;
  surveyTitle: string;
  publishedAt: string | null;
  narrative: string;
  outcomes: ReleaseOutcome[];
  corrects: { id: string; title: string } | null;
  correctedBy: { id: string; title: string } | null;
  snapshot: ReleaseSnapshot;
  signOffs: (ReleaseSignOff | Unnamed<ReleaseSignOff>)[];
  annotations: (ReleaseAnnotation | Unnamed<ReleaseAnnotation>)[];
  participantSummary: Pick<ParticipantSummary, "text" | "readingEase" | "readingEaseLabel"> | null;
}

/**
 * A release as its readers see it, on screen and in print: what it covers, the figures (each chart
 * with its table and the experts' notes), who took part, the rules that protected the figures, and
 * who signed it off. The page's `<h1>` is the caller's; this starts at `<h2>`.
 *
 * `figureExtra` lets the expert's screen put a note form under each figure.
 */
export function ReleaseDocument({
  release,
  figureExtra,
}: {
  release: ReleaseDocumentData;
  figureExtra?: (table: ReleaseTable) => ReactNode;
}) {
  const { snapshot } = release;
  const byOutcome = new Map<string, ReleaseTable[]>();
  const other: ReleaseTable[] = [];
  for (const table of snapshot.tables) {
    const list = table.outcomeId ? byOutcome.get(table.outcomeId) : undefined;
    if (table.outcomeId && release.outcomes.some((o) => o.id === table.outcomeId)) {
      if (list) list.push(table);
      else byOutcome.set(table.outcomeId, [table]);
    } else other.push(table);
  }
  const notesFor = (table: ReleaseTable) => release.annotations.filter((a) => a.tableId === table.id);

  return (
    <article className="release-document">
      <dl className="release-facts">
        <div>
          <dt>Survey</dt>
          <dd>{release.surveyTitle}</dd>
        </div>
        <div>
          <dt>Figures from interviews up to</dt>
          <dd>{snapshot.dataAsOf ? dateText(snapshot.dataAsOf) : "no interviews yet"}</dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>{release.publishedAt ? dateText(release.publishedAt) : "not yet"}</dd>
        </div>
      </dl>
      {release.correctedBy && (
        <p className="notice notice--warning">
          A correction of this release has been published: “{release.correctedBy.title}”. Use that one.
        </p>
      )}
      {release.corrects && <p className="notice">This release corrects “{release.corrects.title}”.</p>}
      {release.narrative.trim() && (
        <section aria-labelledby="release-narrative" className="release-section">
          <h2 id="release-narrative">About these figures</h2>
          {paragraphs(release.narrative)}
        </section>
      )}
      {release.participantSummary && (
        <section aria-labelledby="release-summary" className="release-section">
          <h2 id="release-summary">Summary in plain words</h2>
          {paragraphs(release.participantSummary.text)}
        </section>
      )}
      <section aria-labelledby="release-outcomes" className="release-section">
        <h2 id="release-outcomes">What this release covers</h2>
        <p>
          The outcomes of the theory of change that these figures are about. The theory of change says how the
          work is meant to make things better.
        </p>
        <OutcomeMap outcomes={release.outcomes} />
      </section>
      {release.outcomes.map((outcome) => {
        const tables = byOutcome.get(outcome.id) ?? [];
        return (
          <section key={outcome.id} aria-labelledby={`outcome-${outcome.id}`} className="release-section">
            <h2 id={`outcome-${outcome.id}`}>{outcome.short}</h2>
            <p className="muted">{outcome.text}</p>
            {tables.length === 0 && <p>No figures about this outcome could be published.</p>}
            {tables.map((table) => (
              <ReleaseFigure key={table.id} table={table} annotations={notesFor(table)} headingLevel={3}>
                {figureExtra?.(table)}
              </ReleaseFigure>
            ))}
          </section>
        );
      })}
      {/* The participation table is its own section; several such tables share one heading. */}
      {other.length === 1 && other[0] && (
        <div className="release-section">
          <ReleaseFigure table={other[0]} annotations={notesFor(other[0])} headingLevel={2}>
            {figureExtra?.(other[0])}
          </ReleaseFigure>
        </div>
      )}
      {other.length > 1 && (
        <section aria-labelledby="release-participation" className="release-section">
          <h2 id="release-participation">Who took part</h2>
          {other.map((table) => (
            <ReleaseFigure key={table.id} table={table} annotations={notesFor(table)} headingLevel={3}>
              {figureExtra?.(table)}
            </ReleaseFigure>
          ))}
        </section>
      )}
      <section aria-labelledby="release-rules" className="release-section release-rules">
        <h2 id="release-rules">How these figures protect people</h2>
        <p>
          Every figure was checked before it was published, so that no one can be picked out. A figure that
          did not pass says “withheld” and gives no number, and not which rule withheld it: that too could
          help someone work a small number out. {withheldSentence(withheldCount(snapshot))} These are the
          rules that were applied:
        </p>
        <ul>
          {snapshot.checklist.map((item) => (
            <li key={item.rule}>
              <strong>{item.title}.</strong> {item.description}
              {item.rule === "rounding" && item.adjusted > 0 ? " Figures were rounded." : ""}
            </li>
          ))}
        </ul>
      </section>
      {release.signOffs.length > 0 && (
        <section aria-labelledby="release-signoffs" className="release-section">
          <h2 id="release-signoffs">Who agreed to publish it</h2>
          <ul>
            {release.signOffs.map((s) => (
              <li key={s.id}>
                {signer(s)}, on {dateText(s.signedAt)}
                {s.note.trim() ? `: “${s.note}”` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** "Sam (expert by experience)" to people signed in; on the public link, the part alone. */
function signer(s: ReleaseSignOff | Unnamed<ReleaseSignOff>): string {
  const part = s.as === "expert" ? "expert by experience" : "research team";
  if (s.by) return `${s.by.name} (${part})`;
  return s.as === "expert" ? "An expert by experience" : "The research team";
}

function withheldSentence(n: number): string {
  if (n === 0) return "No figure is withheld.";
  return n === 1 ? "1 figure is withheld." : `${n} figures are withheld.`;
}

function paragraphs(text: string): ReactNode {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a frozen text are positional
      <p key={i}>{p}</p>
    ));
}

/** The outcomes the release covers, grouped by strand of the theory of change. */
function OutcomeMap({ outcomes }: { outcomes: ReleaseOutcome[] }) {
  const strands = new Map<string, { name: string; outcomes: ReleaseOutcome[] }>();
  for (const outcome of outcomes) {
    const key = outcome.strand?.id ?? "";
    const name = outcome.strand?.name ?? "Other outcomes";
    const entry = strands.get(key);
    if (entry) entry.outcomes.push(outcome);
    else strands.set(key, { name, outcomes: [outcome] });
  }
  return (
    <div className="release-map">
      {[...strands.entries()].map(([key, strand]) => (
        <div key={key || "other"} className="release-map__strand">
          <h3>{strand.name}</h3>
          <ul>
            {strand.outcomes.map((o) => (
              <li key={o.id}>{o.short}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
