import type { ResponseCount } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";

function byTitleAreaWave(a: ResponseCount, b: ResponseCount): number {
  return (
    a.surveyTitle.localeCompare(b.surveyTitle) || a.areaName.localeCompare(b.areaName) || a.wave - b.wave
  );
}

const number = new Intl.NumberFormat("en-GB");

/** Responses per survey × area × wave, with how many are waiting for review. */
export function ResponseCountsTable({ counts }: { counts: ResponseCount[] }) {
  const rows = [...counts].sort(byTitleAreaWave);
  const total = rows.reduce((sum, row) => sum + row.responses, 0);
  const totalNeedsReview = rows.reduce((sum, row) => sum + row.needsReview, 0);
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Responses per survey, area and wave, in the areas you can see</caption>
        <thead>
          <tr>
            <th scope="col">Survey</th>
            <th scope="col">Area</th>
            <th scope="col">Wave</th>
            <th scope="col" className="num">
              Responses
            </th>
            <th scope="col" className="num">
              Needs review
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.surveyId}|${row.areaId}|${row.wave}`}>
              <th scope="row">{row.surveyTitle}</th>
              <td>{row.areaName}</td>
              <td>{waveLabel(row.wave)}</td>
              <td className="num">{number.format(row.responses)}</td>
              <td className="num">{number.format(row.needsReview)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{number.format(total)}</td>
            <td className="num">{number.format(totalNeedsReview)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
