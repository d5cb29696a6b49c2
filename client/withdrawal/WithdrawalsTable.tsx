import { type Withdrawal, withdrawalChoiceLabels } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";

export function WithdrawalsTable({ withdrawals }: { withdrawals: Withdrawal[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Withdrawals, most recent first</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Choice</th>
            <th scope="col">Recorded</th>
            <th scope="col">By</th>
            <th scope="col" className="num">
              Interviews deleted
            </th>
          </tr>
        </thead>
        <tbody>
          {withdrawals.map((w) => (
            <tr key={w.participantCode}>
              <th scope="row" className="code">
                {w.participantCode}
              </th>
              <td>{withdrawalChoiceLabels[w.choice]}</td>
              <td>{formatDateTime(w.updatedAt)}</td>
              <td>{w.recordedBy}</td>
              <td className="num">{w.responsesDeleted}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
