import type { ReactNode } from "react";
import type { ReleaseAnnotation, ReleaseTable, Unnamed } from "../../shared/contract/releases.ts";
import { BarChart } from "../dashboard/BarChart.tsx";
import { changeReadings } from "./change-sentences.ts";
import { displayTable } from "./display-table.ts";
import { dateText } from "./format.ts";
import { ReleaseTableView } from "./ReleaseTableView.tsx";
import { chartsFor, everyBarWithheld, notDrawnNote } from "./release-charts.ts";

/**
 * One table of a release: for a change, what it means in words (`change-sentences.ts`); its chart(s)
 * as accessible SVG (the dashboard's bar chart; what is drawn is chosen in `release-charts.ts`), the
 * table with every figure, and the experts' notes on it.
 */
export function ReleaseFigure({
  table,
  annotations,
  headingLevel,
  children,
}: {
  table: ReleaseTable;
  annotations: (ReleaseAnnotation | Unnamed<ReleaseAnnotation>)[];
  headingLevel: 2 | 3;
  /** Extra content under the notes (an expert's form to add one). */
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const NotesHeading = headingLevel === 2 ? "h3" : "h4";
  const headingId = `figure-${table.id}`;
  const readings = changeReadings(table);
  const charts = chartsFor(table);
  // A chart of nothing but "withheld" is only noise, on the page and in print: it is named instead.
  const drawn = charts.filter((chart) => !everyBarWithheld(chart));
  const notDrawn = notDrawnNote(charts);
  return (
    <section className="release-figure" aria-labelledby={headingId}>
      <Heading id={headingId}>{table.title}</Heading>
      {table.indicator && <p className="muted">The question asked: “{table.indicator.title}”</p>}
      {readings.length > 0 && (
        <div className="release-readings">
          <NotesHeading className="release-readings__heading">What the change means</NotesHeading>
          <ul>
            {readings.map((reading) => (
              <li key={reading.rowKey}>
                <strong>{reading.who}:</strong> {reading.sentence}
              </li>
            ))}
          </ul>
        </div>
      )}
      {drawn.map((chart) => (
        <figure key={chart.key} className="release-chart">
          {chart.caption && <figcaption className="release-chart__caption">{chart.caption}</figcaption>}
          <BarChart title={chart.title} description={chart.description} bars={chart.bars} />
        </figure>
      ))}
      {notDrawn && <p className="muted">{notDrawn}</p>}
      <ReleaseTableView caption={table.title} table={displayTable(table)} filename={`${table.id}.csv`} />
      {annotations.length > 0 && (
        <div className="release-notes">
          <NotesHeading className="release-notes__heading">What experts by experience said</NotesHeading>
          {annotations.map((note) => (
            <blockquote key={note.id} className="release-note">
              {/* A note may say either or both; an empty half is not shown as a heading over nothing. */}
              {note.whatItMeans.trim() && (
                <p>
                  <strong>What this means:</strong> {note.whatItMeans}
                </p>
              )}
              {note.whatShouldChange.trim() && (
                <p>
                  <strong>What should change:</strong> {note.whatShouldChange}
                </p>
              )}
              <footer>
                {note.by ? note.by.name : "An expert by experience"}, {dateText(note.createdAt)}
              </footer>
            </blockquote>
          ))}
        </div>
      )}
      {children}
    </section>
  );
}
