import { type FormEvent, useState } from "react";
import { type Invitation, type Me, type Role, roleLabels, roles } from "../../shared/contract/index.ts";
import { ApiError, issuesByField } from "../api/api-error.ts";
import { inviteUser, listPendingInvitations, renewInvitation } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { QrCode } from "./QrCode.tsx";
import { useAreaChoice } from "./use-area-choice.tsx";

const MAX_DISPLAY_NAME = 120;

type Errors = Partial<Record<"email" | "displayName" | "role" | "areaId", string>>;
const NO_AREA = "";

/**
 * Adding people by invitation: the person chooses their own password from a one-time link, so nobody
 * else ever knows it. Coordinators invite peer researchers and experts to their own area.
 */
export function PeopleSection({ me }: { me: Me }) {
  const announce = useAnnounce();
  const [pending, reload] = useResource(listPendingInvitations);
  const { areas } = useAreaChoice(me);
  const allowedRoles: readonly Role[] = me.role === "admin" ? roles : ["peer_researcher", "expert"];
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>(allowedRoles[0] ?? "peer_researcher");
  const [areaId, setAreaId] = useState(me.areaId ?? NO_AREA);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<Invitation | null>(null);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      found.email = "Enter an email address like name@example.org.";
    if (displayName.trim() === "") found.displayName = "Enter the name to show for this person.";
    // The server's limit (invitations.schema.ts), said here before sending.
    else if (displayName.trim().length > MAX_DISPLAY_NAME)
      found.displayName = `Use ${MAX_DISPLAY_NAME} characters or fewer (this has ${displayName.trim().length}).`;
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      const invitation = await inviteUser({
        email: email.trim(),
        displayName: displayName.trim(),
        role,
        areaId: areaId === NO_AREA ? null : areaId,
      });
      setLink(invitation);
      setEmail("");
      setDisplayName("");
      announce(`${invitation.user.displayName} invited. Their one-time link is shown below the form.`);
      reload();
    } catch (error) {
      setFailure(error);
      const fields: Errors = issuesByField(error);
      if (error instanceof ApiError && error.code === "email_taken") fields.email = error.problem.title;
      if (error instanceof ApiError && error.code === "area_required") fields.areaId = error.problem.title;
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  const renew = async (userId: string, name: string) => {
    setFailure(null);
    try {
      setLink(await renewInvitation(userId));
      announce(`A new link for ${name} is shown below the form. The old one no longer works.`);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <>
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p>
          The person gets a one-time link to choose their own password. Give it to them privately, for example
          in person or by text message. It works for 72 hours.
        </p>
        <form className="panel" onSubmit={handleSubmit} noValidate aria-label="Invite someone">
          {failure !== null && <ErrorAlert heading="The invitation was not sent" error={failure} />}
          <TextField
            label="Email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
          />
          <TextField
            label="Name to show"
            hint="For peer researchers and experts, a first name is enough."
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={errors.displayName}
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            error={errors.role}
            options={allowedRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
          />
          {me.areaId === null ? (
            <SelectField
              label="Area"
              hint="Coordinators and peer researchers work in one area."
              value={areaId}
              onChange={(event) => setAreaId(event.target.value)}
              error={errors.areaId}
              options={[
                { value: NO_AREA, label: "All areas" },
                ...areas.map((a) => ({ value: a.id, label: a.name })),
              ]}
            />
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            Invite
          </button>
        </form>
        {link && <InvitationLink invitation={link} />}
      </section>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting to set a password</h2>
        {pending.status === "loading" && <Loading what="invitations" />}
        {pending.status === "error" && (
          <ErrorAlert heading="The invitations did not load" error={pending.error} />
        )}
        {pending.status === "ready" &&
          (pending.data.invitations.length === 0 ? (
            <p>Everyone invited has set a password.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption>People invited who have not set a password yet</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Link</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pending.data.invitations.map((p) => (
                    <tr key={p.user.id}>
                      <th scope="row">
                        {p.user.displayName}
                        <br />
                        <span className="muted">{p.user.email}</span>
                      </th>
                      <td>{roleLabels[p.user.role]}</td>
                      <td>
                        {p.expired || !p.expiresAt ? "Expired" : `Works until ${formatDateTime(p.expiresAt)}`}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => renew(p.user.id, p.user.displayName)}
                        >
                          New link<span className="visually-hidden"> for {p.user.displayName}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        <p>
          To change someone's role or area, or disable an account, use <Link to="/admin">Administration</Link>
          .
        </p>
      </section>
    </>
  );
}

function InvitationLink({ invitation }: { invitation: Invitation }) {
  const url = `${window.location.origin}${invitation.setupPath}`;
  return (
    <div className="notice notice--success" role="status">
      <p className="alert__heading">One-time link for {invitation.user.displayName}</p>
      <p>This link is shown only now. It works once, until {formatDateTime(invitation.expiresAt)}.</p>
      <TextField
        label="Link to give them"
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      <p>Or, with them beside you, let them scan this with their phone's or tablet's camera:</p>
      <QrCode url={url} alt={`QR code that opens ${invitation.user.displayName}'s one-time link`} />
    </div>
  );
}
