import type { AuditEntry } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";
import { actionLabel } from "./action-labels.ts";
import { detailLabel, detailValue } from "./detail-labels.ts";

/** The entries as a table: one row per entry, its time as the row header. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-scroll">
      <table className="table audit-table">
        <caption>Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Affected</th>
            <th scope="col">From</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </th>
              <td>
                <ActorCell entry={entry} />
              </td>
              <td>{actionLabel(entry.action)}</td>
              <td className="audit-table__wrap">
                <TargetCell entry={entry} />
              </td>
              <td className="audit-table__wrap">
                <DeviceCell entry={entry} />
              </td>
              <td className="audit-table__wrap">
                <DetailCell detail={entry.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Who acted; with no actor, a failed sign-in came from someone not signed in, anything else from the server. */
function ActorCell({ entry }: { entry: AuditEntry }) {
  if (entry.actor) return <>{entry.actor.email || entry.actor.id}</>;
  return (
    <span className="muted">{entry.action.startsWith("auth.") ? "Not signed in" : "The server itself"}</span>
  );
}

/** The name of what was affected, with its id beneath for searching; the bare target when it has no name. */
function TargetCell({ entry }: { entry: AuditEntry }) {
  if (entry.target === null) return null;
  if (entry.targetLabel === null) return <>{entry.target}</>;
  return (
    <>
      {entry.targetLabel}
      <span className="muted audit-table__id">{entry.target}</span>
    </>
  );
}

function DeviceCell({ entry }: { entry: AuditEntry }) {
  const parts = [
    entry.ip && `Address ${entry.ip}`,
    entry.deviceId && `Device ${entry.deviceId}`,
    entry.userAgent && `Browser ${entry.userAgent}`,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return <span className="muted">Not recorded</span>;
  return (
    <ul className="plain-list">
      {parts.map((part) => (
        <li key={part}>{part}</li>
      ))}
    </ul>
  );
}

function DetailCell({ detail }: { detail: Record<string, unknown> }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return null;
  return (
    <dl className="audit-detail">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{detailLabel(key)}</dt>
          <dd>{detailValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
