import { type FormEvent, useState } from "react";
import {
  type Area,
  type Me,
  MIN_PASSWORD_LENGTH,
  passwordWeakness,
  type Role,
  roleLabels,
  roles,
} from "../../shared/contract/index.ts";
import { ApiError, issuesByField } from "../api/api-error.ts";
import { createUser } from "../api/users.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";

type UserErrors = Partial<Record<"email" | "displayName" | "role" | "areaId" | "password", string>>;

/** A coordinator adds researchers and experts to their own area; an admin adds anyone anywhere. */
function rolesFor(me: Me): readonly Role[] {
  return me.role === "admin" ? roles : ["peer_researcher", "expert"];
}

const ALL_AREAS = "";

interface Draft {
  email: string;
  displayName: string;
  role: Role;
  areaId: string;
  password: string;
}

function checkUser(draft: Draft): UserErrors {
  const errors: UserErrors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim()))
    errors.email = "Enter an email address like name@example.org.";
  if (draft.displayName.trim() === "") errors.displayName = "Enter the name to show for this person.";
  const weakness = passwordWeakness(draft.password, draft.email);
  if (weakness) errors.password = weakness;
  return errors;
}

export function CreateUserForm({ me, areas, onCreated }: { me: Me; areas: Area[]; onCreated: () => void }) {
  const announce = useAnnounce();
  const allowedRoles = rolesFor(me);
  const blank: Draft = {
    email: "",
    displayName: "",
    role: allowedRoles[0] ?? "peer_researcher",
    areaId: me.areaId ?? ALL_AREAS,
    password: "",
  };
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<UserErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkUser(draft);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      const user = await createUser({
        email: draft.email.trim(),
        displayName: draft.displayName.trim(),
        role: draft.role,
        areaId: draft.areaId === ALL_AREAS ? null : draft.areaId,
        password: draft.password,
      });
      setDraft(blank);
      announce(`${user.displayName} added as ${roleLabels[user.role]}.`);
      onCreated();
    } catch (error) {
      setFailure(error);
      const fields: UserErrors = issuesByField(error);
      if (error instanceof ApiError && error.code === "email_taken") fields.email = error.problem.title;
      if (error instanceof ApiError && error.code === "area_required") fields.areaId = error.problem.title;
      if (error instanceof ApiError && error.code === "weak_password") fields.password = error.message;
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="add-user-heading">
      <h3 id="add-user-heading">Add a user</h3>
      {failure !== null && <ErrorAlert heading="The user was not added" error={failure} />}
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={draft.email}
        onChange={(event) => edit({ email: event.target.value })}
        error={errors.email}
      />
      <TextField
        label="Display name"
        hint="How the person is named on screen. For peer researchers a first name is enough."
        autoComplete="off"
        value={draft.displayName}
        onChange={(event) => edit({ displayName: event.target.value })}
        error={errors.displayName}
      />
      <SelectField
        label="Role"
        value={draft.role}
        onChange={(event) => edit({ role: event.target.value as Role })}
        error={errors.role}
        options={allowedRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
      />
      {me.areaId === null ? (
        <SelectField
          label="Area"
          hint="Coordinators and peer researchers work in one area."
          value={draft.areaId}
          onChange={(event) => edit({ areaId: event.target.value })}
          error={errors.areaId}
          options={[
            { value: ALL_AREAS, label: "All areas" },
            ...areas.map((area) => ({ value: area.id, label: area.name })),
          ]}
        />
      ) : (
        <div className="field">
          <p className="field__label">Area</p>
          <p className="field__value">{areas.find((area) => area.id === me.areaId)?.name ?? me.areaId}</p>
        </div>
      )}
      <TextField
        label="Initial password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person privately.`}
        type="password"
        autoComplete="new-password"
        value={draft.password}
        onChange={(event) => edit({ password: event.target.value })}
        error={errors.password}
      />
      <button type="submit" className="button" disabled={busy}>
        Add user
      </button>
    </form>
  );
}
