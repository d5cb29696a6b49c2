import type { ReactNode } from "react";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import type { PagedList } from "./use-paged-list.ts";

/** What both review lists know of an interview: whose, which survey, area and wave. Never answers. */
export interface InterviewListItem {
  id: string;
  participantCode: string;
  surveyTitle: string;
  areaName: string;
  wave: number;
}

export interface ExtraColumn<T> {
  label: string;
  numeric?: boolean;
  cell: (item: T) => ReactNode;
}

/**
 * A page-at-a-time table of interviews, shared by the analysts' review queue and the coordinators'
 * "Needs attention" list (docs/decisions/0024-who-sees-what.md): the same columns for who, which
 * survey, area and wave, then the columns each audience may see.
 */
export function InterviewList<T extends InterviewListItem>({
  page,
  caption,
  participant,
  survey = (item) => item.surveyTitle,
  columns,
  empty,
  loadingMore,
  onShowMore,
}: {
  page: Extract<PagedList<T>, { status: "ready" }>;
  caption: string;
  /** The participant's code as the row header: a link where the audience may open the interview. */
  participant: (item: T) => ReactNode;
  survey?: (item: T) => string;
  columns: ExtraColumn<T>[];
  empty: string;
  loadingMore: boolean;
  onShowMore: () => void;
}) {
  return (
    <>
      {page.items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {caption} Showing {page.items.length} of {page.total}.
            </caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Survey</th>
                <th scope="col">Area</th>
                <th scope="col">Wave</th>
                {columns.map((column) => (
                  <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="code">
                    {participant(item)}
                  </th>
                  <td>{survey(item)}</td>
                  <td>{item.areaName}</td>
                  <td>{waveLabel(item.wave)}</td>
                  {columns.map((column) => (
                    <td key={column.label} className={column.numeric ? "num" : undefined}>
                      {column.cell(item)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.next && (
        <button
          type="button"
          className="button button--secondary"
          onClick={onShowMore}
          disabled={loadingMore}
        >
          Show more
        </button>
      )}
    </>
  );
}
