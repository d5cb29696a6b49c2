import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import type { Device, ManifestKind, NotUploadedItem } from "../../shared/contract/index.ts";
import { lostDevicesApi } from "../../shared/contract/lost-devices.routes.ts";
import { LOST_REASON_MAX } from "../../shared/contract/lost-devices.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { call } from "../api/call.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { ReceivedInterviewsTable, useSurveyTitle } from "./ReceivedInterviewsTable.tsx";

/**
 * A lost tablet, on the coordinator's tablets list (issue 17, docs/decisions/0036): report it lost,
 * see what was on it (what it held that never arrived, by participant code and date, and what did
 * arrive; never answers), and mark it found.
 */

/** Lost and not found again. */
export const isLost = (device: Device) => device.lostAt !== null && device.foundAt === null;

export function ReportLostControl({ device, onReported }: { device: Device; onReported: () => void }) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [endSessions, setEndSessions] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Report lost<span className="visually-hidden"> {device.label}</span>
      </button>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setError("Say briefly what happened, for example where it was last seen.");
      event.currentTarget.querySelector("textarea")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    setFailure(null);
    try {
      await call(lostDevicesApi.lost, {
        params: { id: device.id },
        body: { reason: reason.trim(), endSessions },
      });
      announce(`${device.label} reported lost.`);
      onReported();
    } catch (caught) {
      setFailure(caught);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Report ${device.label} lost`}>
      <fieldset>
        <legend>Report {device.label} lost?</legend>
        <p className="hint">
          It will not be able to send anything again. The next time it connects, it will delete everything on
          it, including interviews that were not sent. You will see which ones were not sent.
        </p>
        {failure !== null && <ErrorAlert heading="It was not reported lost" error={failure} />}
        <TextAreaField
          label="What happened"
          hint="For example: left on the bus on Tuesday afternoon."
          rows={2}
          maxLength={LOST_REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={error}
        />
        <div className="field">
          <label className="choice">
            <input type="checkbox" checked={endSessions} onChange={(e) => setEndSessions(e.target.checked)} />
            <span>Also sign {device.userName} out everywhere</span>
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            Report {device.label} lost
          </button>
          <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** Status words for a tablet that was reported lost, and what happened since. */
export function lostStatus(device: Device): string {
  if (device.foundAt !== null)
    return `Found ${formatDateTime(device.foundAt)}. It needs enrolling again before it can be used.`;
  // Reporting a tablet lost also revokes it, at the same moment; an earlier revocation is its own step.
  const revokedBefore =
    device.revokedAt !== null && device.lostAt !== null && device.revokedAt < device.lostAt
      ? `Revoked ${formatDateTime(device.revokedAt)}, then r`
      : "R";
  const reported = `${revokedBefore}eported lost ${formatDateTime(device.lostAt ?? "")}.`;
  return device.wipedAt
    ? `${reported} On ${formatDateTime(device.wipedAt)} it said it had deleted everything on it.`
    : `${reported} It has not connected since.`;
}

export function FoundControl({ device, onFound }: { device: Device; onFound: () => void }) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Mark as found<span className="visually-hidden"> {device.label}</span>
      </button>
    );
  }
  const found = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call(lostDevicesApi.found, { params: { id: device.id }, body: {} });
      announce(`${device.label} marked as found. Enrol it again before it is used.`);
      onFound();
    } catch (caught) {
      setFailure(caught);
      setBusy(false);
    }
  };
  return (
    <fieldset>
      <legend>Mark {device.label} as found?</legend>
      <p className="hint">
        It will not delete anything more, but it cannot send or receive anything until you enrol it again with
        a new code. Anything still on it is sent after that.
      </p>
      {failure !== null && <ErrorAlert heading="It was not marked as found" error={failure} />}
      <div className="actions">
        <button type="button" className="button" onClick={found} disabled={busy}>
          Mark {device.label} as found
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

const KIND_WORDS: Record<ManifestKind, string> = {
  interview: "Finished interview",
  draft: "Interview not finished",
  concern: "Safeguarding concern",
  reschedule: "Interview put off to another day",
  debrief: "Researcher's debrief",
};

/** What was on a tablet: what it held that never arrived, and what did arrive. */
export function LostReportPanel({ device, onClose }: { device: Device; onClose: () => void }) {
  const load = useCallback(() => call(lostDevicesApi.report, { params: { id: device.id } }), [device.id]);
  const [report] = useResource(load);
  const title = useSurveyTitle();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="lost-report-heading" className="panel">
      <h2 id="lost-report-heading" ref={heading} tabIndex={-1}>
        What was on {device.label} ({device.userName})
      </h2>
      {report.status === "loading" && <Loading what="what was on the tablet" />}
      {report.status === "error" && <ErrorAlert heading="The list did not load" error={report.error} />}
      {report.status === "ready" && (
        <>
          <p>{lostStatus(report.data.device)}</p>
          {report.data.device.lostReason && <p>What happened: {report.data.device.lostReason}</p>}
          <h3>Not sent from this tablet</h3>
          {report.data.reportedAt === null ? (
            <p>
              This tablet never told us what it held, so we cannot say what was on it that was not sent. Ask{" "}
              {device.userName} what they collected on it.
            </p>
          ) : (
            <>
              <p className="hint">
                From what the tablet last told us, on {formatDateTime(report.data.reportedAt)}. Anything
                collected after that is not known here. No answers are shown.
              </p>
              <NotSent items={report.data.notUploaded} title={title} device={device} />
              {report.data.omitted > 0 && (
                <p>
                  The tablet held {plural(report.data.omitted, "more item")} than it could list. Ask{" "}
                  {device.userName} about them.
                </p>
              )}
            </>
          )}
          <h3>Received from this tablet</h3>
          {report.data.arrived.length === 0 ? (
            <p>Nothing from this tablet has been received.</p>
          ) : (
            <ReceivedInterviewsTable
              identify="participant"
              interviews={report.data.arrived}
              caption={
                <>
                  {plural(report.data.arrived.length, "interview")} received
                  {report.data.arrivedTruncated ? " (the most recent; there are more)" : ""}, most recent
                  first
                </>
              }
            />
          )}
        </>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close this list
      </button>
    </section>
  );
}

function NotSent({
  items,
  title,
  device,
}: {
  items: NotUploadedItem[];
  title: (surveyId: string | null) => string;
  device: Device;
}) {
  if (items.length === 0) return <p>Nothing was waiting to be sent when it last told us.</p>;
  const concerns = items.filter((i) => i.kind === "concern").length;
  return (
    <>
      <p>
        {plural(items.length, "thing")} on the tablet never reached the server.
        {concerns > 0 &&
          ` ${plural(concerns, "safeguarding concern")} never arrived: ask ${device.userName} about ${
            concerns === 1 ? "it" : "them"
          } today.`}
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption>Not sent from {device.label}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Participant</th>
              <th scope="col">Survey</th>
              <th scope="col">Interview</th>
              <th scope="col">Date on the tablet</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{KIND_WORDS[item.kind]}</td>
                <td>{item.participantCode ?? "None given"}</td>
                <td>{title(item.surveyId)}</td>
                <td>{item.wave === null ? "" : waveLabel(item.wave)}</td>
                <td>{formatDateTime(item.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
