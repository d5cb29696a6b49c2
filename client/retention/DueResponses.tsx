import { useEffect, useRef, useState } from "react";
import {
  type RetentionItem,
  type RetentionResponse,
  reviewStatusLabels,
} from "../../shared/contract/index.ts";
import { retentionApi } from "../../shared/contract/retention.routes.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";

/** The responses due for a deletion review, a page at a time, with a checked, confirmed delete. */
export function DueResponses({ first, onDeleted }: { first: RetentionResponse; onDeleted: () => void }) {
  const announce = useAnnounce();
  const [items, setItems] = useState<RetentionItem[]>(first.responses);
  const [next, setNext] = useState(first.nextCursor);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const copy = new Set(prev);
      if (on) copy.add(id);
      else copy.delete(id);
      return copy;
    });

  const showMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await call(retentionApi.due, { query: { cursor: next } });
      setItems((prev) => [...prev, ...page.responses]);
      setNext(page.nextCursor);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const ids = [...selected].slice(0, 100);
      const result = await call(retentionApi.delete, { body: { responseIds: ids } });
      announce(`${plural(result.deleted.length, "response")} deleted.`);
      setSelected(new Set());
      setConfirming(false);
      onDeleted();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">
        {plural(first.total, "response")} received before {formatDateTime(first.cutoff ?? "")}
      </h2>
      {failure !== null && <ErrorAlert heading="That did not work" error={failure} />}
      {items.length === 0 ? (
        <p>Nothing is due for deletion.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Responses due for a deletion review, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Select</th>
                <th scope="col">Participant</th>
                <th scope="col">Survey</th>
                <th scope="col">Area</th>
                <th scope="col">Wave</th>
                <th scope="col">Received</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <input
                      type="checkbox"
                      className="checkbox"
                      aria-label={`Select ${item.participantCode}, ${item.surveyTitle}, ${waveLabel(item.wave)}`}
                      checked={selected.has(item.id)}
                      onChange={(event) => toggle(item.id, event.target.checked)}
                    />
                  </td>
                  <th scope="row" className="code">
                    {item.participantCode}
                  </th>
                  <td>{item.surveyTitle}</td>
                  <td>{item.areaName}</td>
                  <td>{waveLabel(item.wave)}</td>
                  <td>{formatDateTime(item.receivedAt)}</td>
                  <td>{reviewStatusLabels[item.reviewStatus]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        {next && (
          <button type="button" className="button button--secondary" onClick={showMore} disabled={busy}>
            Show more
          </button>
        )}
        {selected.size > 0 && !confirming && (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            Delete {plural(Math.min(selected.size, 100), "selected response")}
          </button>
        )}
      </div>
      {confirming && (
        <div className="notice notice--warning">
          <h3 ref={confirmHeading} tabIndex={-1}>
            Delete {plural(Math.min(selected.size, 100), "response")}?
          </h3>
          <p>
            Their answers, copies, review history and figures are deleted for good. This cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="button button--danger" onClick={remove} disabled={busy}>
              Delete for good
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
