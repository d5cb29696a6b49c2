import { useEffect, useState } from "react";
import { authApi } from "../../shared/contract/auth.routes.ts";
import {
  MIN_PASSWORD_LENGTH,
  passwordWeakness,
  roleLabels,
  type SetupLinkInfo,
} from "../../shared/contract/index.ts";
import { ApiError } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { navigate } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
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
  const form = useSubmit<SetupErrors>({
    check: () => checkPasswords(password, repeat),
    run: async () => {
      if (!token) return;
      setMe(await call(authApi.setup, { body: { token, password } }));
      navigate("/", { replace: true });
    },
    fieldErrors: (error) =>
      error instanceof ApiError && error.code === "weak_password" ? { password: error.message } : {},
  });
  const { errors, failure, busy } = form;
  // What the link is for, asked before the form is shown: "checking", the answer, "used" (used or
  // expired: no form, since no password could be set with it), or "unknown" (the question failed, e.g.
  // offline: the form is shown and setting the password gives the answer).
  const [link, setLink] = useState<SetupLinkInfo | "checking" | "used" | "unknown">(
    token ? "checking" : "unknown",
  );

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  useEffect(() => {
    if (!token) return;
    let live = true;
    call(authApi.setupLink, { body: { token } }).then(
      (info) => live && setLink(info),
      (error: unknown) => {
        if (!live) return;
        setLink(error instanceof ApiError && error.code === "setup_token_invalid" ? "used" : "unknown");
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

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

  if (link === "checking") {
    return (
      <div className="narrow">
        <Loading what="your link" />
      </div>
    );
  }
  if (link === "used") {
    return (
      <div className="narrow">
        <PageHeading>{reset ? "Choose a new password" : "Set up your account"}</PageHeading>
        <div className="alert alert--error" role="alert">
          <p className="alert__heading">This link has already been used or has expired</p>
          <p>
            Each link works only once, for a limited time. If you have already chosen your password, sign in
            with it. Otherwise ask your coordinator or an administrator for a new link.
          </p>
        </div>
        <p>
          <a className="button button--secondary" href="/">
            Go to sign in
          </a>
        </p>
      </div>
    );
  }
  const info = typeof link === "object" ? link : null;
  const purpose = info?.purpose ?? (reset ? "reset" : "first_admin");

  return (
    <div className="narrow">
      {purpose === "invitation" && info ? (
        <>
          <PageHeading>{`Welcome to Alongside, ${info.displayName}`}</PageHeading>
          <p>
            You have been invited as {/^[AEIOU]/.test(roleLabels[info.role]) ? "an" : "a"}{" "}
            <strong>{roleLabels[info.role].toLowerCase()}</strong>
            {info.areaName ? (
              <>
                {" "}
                in <strong>{info.areaName}</strong>
              </>
            ) : (
              " for every area"
            )}
            .
          </p>
          <p>
            Choose a password for your account. You will be signed in straight away. This link works once.
          </p>
        </>
      ) : purpose === "reset" ? (
        <>
          <PageHeading>Choose a new password</PageHeading>
          <p>
            {info ? `${info.displayName}, choose` : "Choose"} a new password for your account. You will be
            signed in here straight away, and signed out everywhere else. The link works once.
          </p>
        </>
      ) : (
        <>
          <PageHeading>Set up Alongside</PageHeading>
          <p>
            You are the first administrator. Choose your password: you will be signed in straight away, and
            can then add areas and invite people.
          </p>
        </>
      )}
      {failure !== null && (
        <ErrorAlert
          heading={purpose === "reset" ? "Your password was not changed" : "Your account was not set up"}
          error={failure}
        />
      )}
      <form onSubmit={form.onSubmit} noValidate>
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
          {purpose === "reset" ? "Set new password and sign in" : "Set password and sign in"}
        </button>
      </form>
    </div>
  );
}
