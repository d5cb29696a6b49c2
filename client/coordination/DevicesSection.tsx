import { type FormEvent, useCallback, useState } from "react";
import type { Device, EnrolmentCode, Me } from "../../shared/contract/index.ts";
import { issuesByField } from "../api/api-error.ts";
import { createEnrolmentCode, listDevices, revokeDevice } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { listUsers } from "../api/users.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { EnrolmentQr } from "./EnrolmentQr.tsx";
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
            <DeviceTable devices={devices.data.devices} onChanged={reload} />
          ))}
        <button type="button" className="button button--secondary" onClick={reload}>
          Refresh the list
        </button>
      </section>
    </>
  );
}

function EnrolForm({ people }: { people: { id: string; name: string }[] }) {
  const announce = useAnnounce();
  const [userId, setUserId] = useState("");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = userId || people[0]?.id || "";

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!chosen) found.userId = "Choose who will use the tablet.";
    if (label.trim() === "") found.label = "Give the tablet a name you will recognise, like Tablet 3.";
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      const made = await createEnrolmentCode(chosen, label.trim());
      setCode(made);
      announce(`Enrolment code ready for ${made.userName}. Scan the QR code with the tablet.`);
    } catch (error) {
      setFailure(error);
      setErrors(issuesByField(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Enrol a tablet</h2>
      <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="enrol-heading">
        {failure !== null && <ErrorAlert heading="No code was made" error={failure} />}
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
      </form>
      {code && <EnrolmentQr code={code} />}
    </section>
  );
}

function DeviceTable({ devices, onChanged }: { devices: Device[]; onChanged: () => void }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Tablets enrolled in this area, active ones first</caption>
        <thead>
          <tr>
            <th scope="col">Tablet</th>
            <th scope="col">Used by</th>
            <th scope="col">Enrolled</th>
            <th scope="col">Last upload</th>
            <th scope="col">Status</th>
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
                {device.revokedAt ? (
                  `Revoked ${formatDateTime(device.revokedAt)}`
                ) : (
                  <RevokeControl device={device} onRevoked={onChanged} />
                )}
              </td>
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
