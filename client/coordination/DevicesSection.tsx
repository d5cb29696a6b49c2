import { useCallback, useEffect, useRef, useState } from "react";
import { devicesApi } from "../../shared/contract/devices.routes.ts";
import type { Device, EnrolmentCode, Me } from "../../shared/contract/index.ts";
import { call } from "../api/call.ts";
import { createEnrolmentCode, listDevices, revokeDevice } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { listUsers } from "../api/users.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Form } from "../ui/Form.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { EnrolmentQr } from "./EnrolmentQr.tsx";
import { FoundControl, isLost, LostReportPanel, lostStatus, ReportLostControl } from "./LostTablet.tsx";
import { ReceivedInterviewsTable } from "./ReceivedInterviewsTable.tsx";
import { useAreaChoice } from "./use-area-choice.tsx";

/** Tablets: enrol one for a researcher with a QR code, see the area's tablets, revoke one. */
export function DevicesSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const loadDevices = useCallback(
    () => listDevices(me.areaId === null ? areaId || undefined : undefined),
    [me.areaId, areaId],
  );
  const [devices, reload] = useResource(loadDevices);
  const [users] = useResource(listUsers);
  // The data manager (an administrator) can list what was collected on a tablet, e.g. a lost one.
  const [collected, setCollected] = useState<Device | null>(null);
  // What was on a tablet reported lost (decision 0036).
  const [lostShown, setLostShown] = useState<Device | null>(null);
  const people =
    users.status === "ready"
      ? users.data.filter(
          (u) =>
            !u.disabled && u.areaId === areaId && (u.role === "peer_researcher" || u.role === "coordinator"),
        )
      : [];
  return (
    <>
      {picker}
      <EnrolForm people={people.map((p) => ({ id: p.id, name: p.displayName }))} />
      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">Enrolled tablets</h2>
        {devices.status === "loading" && <Loading what="tablets" />}
        {devices.status === "error" && (
          <ErrorAlert heading="The tablets did not load" error={devices.error} />
        )}
        {devices.status === "ready" &&
          (devices.data.devices.length === 0 ? (
            <p>No tablets enrolled yet.</p>
          ) : (
            <DeviceTable
              devices={devices.data.devices}
              onChanged={reload}
              onShowCollected={me.role === "admin" ? setCollected : undefined}
              onShowLost={setLostShown}
            />
          ))}
        <button type="button" className="button button--secondary" onClick={reload}>
          Refresh the list
        </button>
      </section>
      {lostShown && (
        <LostReportPanel key={lostShown.id} device={lostShown} onClose={() => setLostShown(null)} />
      )}
      {collected && (
        <CollectedOnTablet key={collected.id} device={collected} onClose={() => setCollected(null)} />
      )}
    </>
  );
}

function EnrolForm({ people }: { people: { id: string; name: string }[] }) {
  const announce = useAnnounce();
  const [userId, setUserId] = useState("");
  const [label, setLabel] = useState("");
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const chosen = userId || people[0]?.id || "";
  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      if (!chosen) found.userId = "Choose who will use the tablet.";
      if (label.trim() === "") found.label = "Give the tablet a name you will recognise, like Tablet 3.";
      return found;
    },
    run: async () => {
      const made = await createEnrolmentCode(chosen, label.trim());
      setCode(made);
      announce(`Enrolment code ready for ${made.userName}. Scan the QR code with the tablet.`);
    },
  });
  const { errors, busy } = form;

  return (
    <section aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Enrol a tablet</h2>
      <Form submit={form} className="panel" aria-labelledby="enrol-heading" failureHeading="No code was made">
        {people.length === 0 ? (
          <p>There is nobody in this area to enrol a tablet for yet. Invite a peer researcher first.</p>
        ) : (
          <SelectField
            label="Who will use it"
            value={chosen}
            onChange={(e) => setUserId(e.target.value)}
            error={errors.userId}
            options={people.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <TextField
          label="Tablet name"
          hint="Written on the tablet's case, so you can tell which one to revoke if it is lost."
          autoComplete="off"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.label}
        />
        <button type="submit" className="button" disabled={busy || people.length === 0}>
          Show enrolment code
        </button>
      </Form>
      {code && <EnrolmentQr code={code} />}
    </section>
  );
}

function DeviceTable({
  devices,
  onChanged,
  onShowCollected,
  onShowLost,
}: {
  devices: Device[];
  onChanged: () => void;
  onShowCollected: ((device: Device) => void) | undefined;
  onShowLost: (device: Device) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Tablets enrolled in this area, active ones first</caption>
        <thead>
          <tr>
            <th scope="col">Tablet</th>
            <th scope="col">Used by</th>
            <th scope="col">Enrolled</th>
            <th scope="col">Last in contact</th>
            <th scope="col">Status</th>
            {onShowCollected && <th scope="col">Collected</th>}
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <tr key={device.id}>
              <th scope="row">{device.label}</th>
              <td>{device.userName}</td>
              <td>
                {formatDateTime(device.enrolledAt)} by {device.enrolledByName}
              </td>
              <td>{device.lastSeenAt ? formatDateTime(device.lastSeenAt) : "Not yet"}</td>
              <td>
                {device.lostAt !== null ? (
                  <div className="lost-tablet">
                    <p>{lostStatus(device)}</p>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => onShowLost(device)}
                      >
                        What was on it<span className="visually-hidden"> ({device.label})</span>
                      </button>
                      {isLost(device) && <FoundControl device={device} onFound={onChanged} />}
                    </div>
                  </div>
                ) : device.revokedAt ? (
                  <>
                    <p>Revoked {formatDateTime(device.revokedAt)}</p>
                    {/* A revoked tablet still holds what it never sent: it can be reported lost too. */}
                    <ReportLostControl
                      device={device}
                      onReported={() => {
                        onChanged();
                        onShowLost(device);
                      }}
                    />
                  </>
                ) : (
                  <div className="actions">
                    <RevokeControl device={device} onRevoked={onChanged} />
                    <ReportLostControl
                      device={device}
                      onReported={() => {
                        onChanged();
                        onShowLost(device);
                      }}
                    />
                  </div>
                )}
              </td>
              {onShowCollected && (
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => onShowCollected(device)}
                  >
                    What was collected<span className="visually-hidden"> on {device.label}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevokeControl({ device, onRevoked }: { device: Device; onRevoked: () => void }) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [endSessions, setEndSessions] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Revoke<span className="visually-hidden"> {device.label}</span>
      </button>
    );
  }
  const revoke = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await revokeDevice(device.id, endSessions);
      announce(`${device.label} revoked. It can no longer upload.`);
      onRevoked();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <fieldset>
      <legend>Revoke {device.label}?</legend>
      <p className="hint">
        It will not be able to upload. Interviews on it stay on it until it is enrolled again.
      </p>
      {failure !== null && <ErrorAlert heading="It was not revoked" error={failure} />}
      <div className="field">
        <label className="choice">
          <input type="checkbox" checked={endSessions} onChange={(e) => setEndSessions(e.target.checked)} />
          <span>Lost or stolen: also sign {device.userName} out everywhere</span>
        </label>
      </div>
      <div className="actions">
        <button type="button" className="button button--danger" onClick={revoke} disabled={busy}>
          Revoke {device.label}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Keep it
        </button>
      </div>
    </fieldset>
  );
}

/**
 * Everything the server stored from one tablet: which interview, which survey and follow-up, and when
 * it arrived. No answers and no participant codes: this is for checking what a lost tablet held and
 * for asking the area about specific interviews (decision 0025).
 */
function CollectedOnTablet({ device, onClose }: { device: Device; onClose: () => void }) {
  const load = useCallback(() => call(devicesApi.interviews, { params: { id: device.id } }), [device.id]);
  const [listing] = useResource(load);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="collected-heading" className="panel">
      <h2 id="collected-heading" ref={heading} tabIndex={-1}>
        Collected on {device.label} ({device.userName})
      </h2>
      <p className="hint">
        Every interview the server received from this tablet. Answers are not shown here. Each interview's
        reference is what to quote when you ask the area about it.
      </p>
      {listing.status === "loading" && <Loading what="what was collected" />}
      {listing.status === "error" && <ErrorAlert heading="The list did not load" error={listing.error} />}
      {listing.status === "ready" &&
        (listing.data.interviews.length === 0 ? (
          <p>Nothing has been received from this tablet.</p>
        ) : (
          <>
            <p>
              {listing.data.interviews.length === 1
                ? "1 interview received."
                : `${listing.data.interviews.length} interviews received${
                    listing.data.truncated ? " (the most recent shown; there are more)" : ""
                  }.`}
            </p>
            <ReceivedInterviewsTable
              identify="reference"
              interviews={listing.data.interviews}
              caption={`Interviews received from ${device.label}, most recent first`}
            />
          </>
        ))}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close this list
      </button>
    </section>
  );
}
