import { useId } from "react";
import { type FollowUpState, followUpStateLabels, type ProgressRow } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";

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

export function rowLabel(row: ProgressRow): string {
  return `${groupLabel(row)} · ${waveLabel(row.wave)}`;
}

function groupLabel(row: ProgressRow): string {
  return `${row.areaName} · ${row.surveyTitle}`;
}

interface Group {
  key: string;
  label: string;
  rows: ProgressRow[];
}

/** Rows of one area and survey together, in the server's order, so each bar needs only its wave. */
function groupRows(rows: ProgressRow[]): Group[] {
  const groups: Group[] = [];
  for (const row of rows) {
    const key = `${row.areaId}|${row.surveyId}`;
    const last = groups.at(-1);
    if (last?.key === key) last.rows.push(row);
    else groups.push({ key, label: groupLabel(row), rows: [row] });
  }
  return groups;
}

/**
 * One stacked bar per area, survey and wave, with the target as a vertical mark. The labels are page
 * text, not drawn text: the area and survey head each group and each bar carries only its wave, so
 * labels wrap instead of being cut off and the follow-ups can be told apart (issue 15). The chart is a
 * picture for sighted readers (role="img" with a name and a summary); the table below carries every
 * number for everyone.
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
  const percent = (n: number) => `${(n / max) * 100}%`;
  const summary = rows
    .map(
      (r) =>
        `${rowLabel(r)}: ${r.completed} completed${r.target === null ? "" : ` of a target of ${r.target}`}, ${r.due} due, ${r.overdue} overdue.`,
    )
    .join(" ");
  return (
    <figure className="progress-figure">
      <div
        className="progress-chart"
        role="img"
        aria-label="Fieldwork progress against targets"
        aria-describedby={`${id}-desc`}
      >
        {groupRows(rows).map((group) => (
          <div key={group.key} className="progress-chart__group">
            <p className="progress-chart__group-label">{group.label}</p>
            {group.rows.map((row) => (
              <div key={row.wave} className="progress-chart__row">
                <span className="progress-chart__label">{waveLabel(row.wave)}</span>
                <span className="progress-chart__track">
                  {order.map((state) =>
                    row[state] > 0 ? (
                      <span
                        key={state}
                        className="progress-chart__segment"
                        style={{ width: percent(row[state]), background: stateColours[state] }}
                      />
                    ) : null,
                  )}
                  {row.target !== null && (
                    <span className="progress-chart__target" style={{ left: percent(row.target) }} />
                  )}
                </span>
                <span className="progress-chart__count">
                  {row.target === null ? `${row.completed}` : `${row.completed} of ${row.target}`}
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
      {/* Hidden: read out as the chart's description, not a second time as page text. */}
      <p id={`${id}-desc`} hidden>
        {summary}
      </p>
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
