import { type FormEvent, useEffect, useState } from "react";
import { MIN_PASSWORD_LENGTH, passwordWeakness } from "../../shared/contract/index.ts";
import { ApiError } from "../api/api-error.ts";
import { setup } from "../api/auth.ts";
import { navigate } from "../app/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSession } from "./session.tsx";

function tokenFromHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get("token");
}

interface SetupErrors {
  password?: string;
  repeat?: string;
}

function checkPasswords(password: string, repeat: string): SetupErrors {
  const errors: SetupErrors = {};
  // The same rules the server applies (shared/contract/password-rules.ts), said before the round trip.
  const weakness = passwordWeakness(password);
  if (weakness) errors.password = weakness;
  if (repeat !== password) errors.repeat = "The two passwords are not the same.";
  return errors;
}

/**
 * A one-time link, `/setup#token=…`: an invitation a coordinator sent, or the first administrator's
 * link printed by the server on first start; or `/reset-password#token=…`, a password reset link an
 * administrator or coordinator made for someone who forgot theirs (same endpoint: it also signs the
 * account out everywhere else). The token is in the fragment so it never reaches a server log; it is
 * read once and then removed from the address bar.
 */
export default function SetupPage() {
  const { setMe } = useSession();
  const [reset] = useState(() => window.location.pathname === "/reset-password");
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<SetupErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  if (!token && reset) {
    return (
      <div className="narrow">
        <PageHeading>Choose a new password</PageHeading>
        <div className="alert alert--error" role="alert">
          <p className="alert__heading">This link is not complete</p>
          <p>
            Open the whole link your coordinator or administrator gave you, or scan its QR code. If it still
            does not work, ask them for a new one.
          </p>
        </div>
      </div>
    );
  }
  if (!token) {
    return (
      <div className="narrow">
        <PageHeading>Set up Alongside</PageHeading>
        <div className="alert alert--error" role="alert">
          <p className="alert__heading">This link has no setup token</p>
          <p>
            Open the whole link you were given: the invitation from your coordinator, or, for the first
            administrator, the link the server printed when it first started.
          </p>
        </div>
      </div>
    );
  }

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkPasswords(password, repeat);
    setErrors(found);
    setFailure(null);
    if (found.password || found.repeat) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      setMe(await setup({ token, password }));
      navigate("/", { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === "weak_password") setErrors({ password: error.message });
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading>{reset ? "Choose a new password" : "Set up Alongside"}</PageHeading>
      {reset ? (
        <p>
          Choose a new password for your account. You will be signed in here straight away, and signed out
          everywhere else. The link works once.
        </p>
      ) : (
        <p>Choose the password for your account. You will be signed in straight away.</p>
      )}
      {failure !== null && (
        <ErrorAlert
          heading={reset ? "Your password was not changed" : "The account was not set up"}
          error={failure}
        />
      )}
      <form onSubmit={handleSubmit} noValidate>
        <TextField
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words in a row are easy to remember and hard to guess.`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <TextField
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          error={errors.repeat}
        />
        <button type="submit" className="button" disabled={busy}>
          {reset ? "Set new password and sign in" : "Set password and sign in"}
        </button>
      </form>
    </div>
  );
}
