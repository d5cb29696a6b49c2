import type { AuditEntry } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";
import { actionLabel } from "./action-labels.ts";
import { browserName } from "./browser-name.ts";
import { detailLabel, filterLabel } from "./detail-labels.ts";
import { detailValue } from "./detail-values.ts";
import type { AuditNames } from "./use-audit-names.ts";

/** The entries as a table: one row per entry, its time as the row header. */
export function AuditTable({ entries, names }: { entries: AuditEntry[]; names: AuditNames }) {
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
                <DetailCell detail={entry.detail} labels={entry.detailLabels} names={names} />
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
  const label = entry.targetLabel ?? settingNames[entry.target];
  if (label === undefined) return <>{entry.target}</>;
  return (
    <>
      {label}
      <span className="muted audit-table__id">{entry.target}</span>
    </>
  );
}

/** Settings are named by a key, not an id the server can look up. */
const settingNames: Partial<Record<string, string>> = {
  suppression_k: "Smallest group a release may show (k)",
};

/** Where the request came from: the browser in a few words, its whole identification a click away. */
function DeviceCell({ entry }: { entry: AuditEntry }) {
  if (!entry.ip && !entry.deviceId && !entry.userAgent) return <span className="muted">Not recorded</span>;
  const browser = entry.userAgent ? browserName(entry.userAgent) : null;
  return (
    <ul className="plain-list">
      {entry.ip && <li>Address {entry.ip}</li>}
      {entry.deviceId && <li>Device {entry.deviceId}</li>}
      {entry.userAgent && (
        <li>
          {browser ? (
            <details className="audit-table__browser">
              <summary>Browser {browser}</summary>
              <span className="muted audit-table__id">{entry.userAgent}</span>
            </details>
          ) : (
            <>Browser {entry.userAgent}</>
          )}
        </li>
      )}
    </ul>
  );
}

/** Each detail in words; where the server named an id (a release table's title), the id beneath. */
function DetailCell({
  detail,
  labels,
  names,
}: {
  detail: Record<string, unknown>;
  labels: Record<string, string>;
  names: AuditNames;
}) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return null;
  return (
    <dl className="audit-detail">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{detailLabel(key)}</dt>
          <dd>
            {labels[key] !== undefined ? (
              <>
                {labels[key]}
                <span className="muted audit-table__id">{detailValue(key, value, names)}</span>
              </>
            ) : isRecord(value) ? (
              <NestedDetail detail={value} names={names} />
            ) : (
              detailValue(key, value, names)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** An object inside the details (an export's or a figures page's filters), one line per key. */
function NestedDetail({ detail, names }: { detail: Record<string, unknown>; names: AuditNames }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return <>none</>;
  return (
    <dl className="audit-detail audit-detail--nested">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{filterLabel(key)}</dt>
          <dd>{detailValue(key, value, names)}</dd>
        </div>
      ))}
    </dl>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
