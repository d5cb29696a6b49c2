import { useId } from "react";
import { type FollowUpState, followUpStateLabels, type ProgressRow } from "../../shared/contract/index.ts";
import { waveLabel } from "../ui/format.ts";

/** In the order the bar stacks them; each colour has at least 3:1 contrast with white. */
export const stateColours: Record<FollowUpState, string> = {
  completed: "#1e6b38",
  due: "#1a4f8b",
  overdue: "#a4161a",
  upcoming: "#6b7280",
  declined: "#8a5a00",
  withdrawn: "#3d4349",
};
const order: FollowUpState[] = ["completed", "due", "overdue", "upcoming", "declined", "withdrawn"];

const LABEL_WIDTH = 250;
const BAR_WIDTH = 500;
const ROW = 34;
const BAR = 20;

export function rowLabel(row: ProgressRow): string {
  return `${row.areaName} · ${row.surveyTitle} · ${waveLabel(row.wave)}`;
}

/**
 * One stacked bar per area, survey and wave, with the target as a vertical mark. The chart is a
 * picture for sighted readers (role="img" with a title and a summary); the table beside it carries
 * every number for everyone.
 */
export function ProgressChart({ rows }: { rows: ProgressRow[] }) {
  const id = useId();
  const max = Math.max(
    1,
    ...rows.map((r) =>
      Math.max(
        r.target ?? 0,
        order.reduce((sum, s) => sum + r[s], 0),
      ),
    ),
  );
  const scale = (n: number) => (n / max) * BAR_WIDTH;
  const height = rows.length * ROW + 24;
  const summary = rows
    .map(
      (r) =>
        `${rowLabel(r)}: ${r.completed} completed${r.target === null ? "" : ` of a target of ${r.target}`}, ${r.due} due, ${r.overdue} overdue.`,
    )
    .join(" ");
  return (
    <figure>
      <svg
        className="progress-chart"
        viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 70} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>Fieldwork progress against targets</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {rows.map((row, index) => {
          const y = index * ROW + 8;
          let x = LABEL_WIDTH;
          const total = order.reduce((sum, s) => sum + row[s], 0);
          return (
            <g key={`${row.areaId}|${row.surveyId}|${row.wave}`}>
              <text x={LABEL_WIDTH - 8} y={y + BAR / 2 + 4} textAnchor="end">
                {truncate(rowLabel(row), 38)}
              </text>
              {order.map((state) => {
                const width = scale(row[state]);
                const rect =
                  width > 0 ? (
                    <rect
                      key={state}
                      x={x}
                      y={y}
                      width={width}
                      height={BAR}
                      fill={stateColours[state]}
                      stroke="#ffffff"
                    />
                  ) : null;
                x += width;
                return rect;
              })}
              {row.target !== null && (
                <line
                  x1={LABEL_WIDTH + scale(row.target)}
                  x2={LABEL_WIDTH + scale(row.target)}
                  y1={y - 4}
                  y2={y + BAR + 4}
                  stroke="#1f2328"
                  strokeWidth={3}
                />
              )}
              <text x={LABEL_WIDTH + Math.max(scale(total), scale(row.target ?? 0)) + 8} y={y + BAR / 2 + 4}>
                {row.target === null ? `${row.completed}` : `${row.completed}/${row.target}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {order.map((state) => (
            <li key={state}>
              <span className="swatch" style={{ background: stateColours[state] }} aria-hidden="true" />
              {followUpStateLabels[state]}
            </li>
          ))}
          <li>
            <span
              className="swatch"
              style={{ background: "#ffffff", borderWidth: "0 3px 0 0" }}
              aria-hidden="true"
            />
            Target (the black mark)
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
