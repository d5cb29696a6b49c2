import { useCallback } from "react";
import { followUpStateLabels, type Me, type ProgressRow } from "../../shared/contract/index.ts";
import { fetchProgress } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDay } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { ProgressChart, rowLabel } from "./ProgressChart.tsx";

const number = new Intl.NumberFormat("en-GB");
const columns = ["completed", "due", "overdue", "upcoming", "declined", "withdrawn"] as const;

/** Fieldwork progress per area, survey and wave against targets: a chart, then the table with every number. */
export function ProgressSection({ me }: { me: Me }) {
  const load = useCallback(() => fetchProgress(), []);
  const [progress, reload] = useResource(load);
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">{me.areaId === null ? "Progress in every area" : "Progress in your area"}</h2>
      {progress.status === "loading" && <Loading what="progress" />}
      {progress.status === "error" && <ErrorAlert heading="Progress did not load" error={progress.error} />}
      {progress.status === "ready" &&
        (progress.data.rows.length === 0 ? (
          <p>No interviews, follow-ups or targets yet. Set targets under Area settings.</p>
        ) : (
          <>
            <p className="muted">
              As of {formatDay(progress.data.today)}. Each participant counts once per wave.
            </p>
            <ProgressChart rows={progress.data.rows} />
            <ProgressTable rows={progress.data.rows} />
          </>
        ))}
      <button type="button" className="button button--secondary" onClick={reload}>
        Refresh progress
      </button>
    </section>
  );
}

function ProgressTable({ rows }: { rows: ProgressRow[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Interviews per area, survey and wave against the target</caption>
        <thead>
          <tr>
            <th scope="col">Area, survey and wave</th>
            <th scope="col" className="num">
              Target
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className="num">
                {followUpStateLabels[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.areaId}|${row.surveyId}|${row.wave}`}>
              <th scope="row">{rowLabel(row)}</th>
              <td className="num">{row.target === null ? "—" : number.format(row.target)}</td>
              {columns.map((c) => (
                <td key={c} className="num">
                  {number.format(row[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
