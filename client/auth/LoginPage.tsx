import { useEffect, useState } from "react";
import { authApi } from "../../shared/contract/auth.routes.ts";
import { call } from "../api/call.ts";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { LoginFailure } from "./LoginFailure.tsx";
import { useSession } from "./session.tsx";

interface LoginErrors {
  email?: string;
  password?: string;
}

function checkLogin(email: string, password: string): LoginErrors {
  const errors: LoginErrors = {};
  if (email.trim() === "") errors.email = "Enter your email address.";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
    errors.email = "Enter an email address like name@example.org.";
  if (password === "") errors.password = "Enter your password.";
  return errors;
}

/** Signing in; once `me` is set the router moves on to the page the person asked for. */
export function LoginPage() {
  const { setMe } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useSubmit<LoginErrors>({
    check: () => checkLogin(email, password),
    run: async () => setMe(await call(authApi.login, { body: { email: email.trim(), password } })),
    fieldErrors: () => ({}),
  });
  const { errors, failure, busy } = form;
  const [setupPending, setSetupPending] = useState(false);

  useEffect(() => {
    let live = true;
    call(authApi.setupStatus).then(
      (status) => live && setSetupPending(status.setupPending),
      // Offline or an older server: the page works as before, without the notice.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="narrow">
      <PageHeading>Sign in</PageHeading>
      {setupPending && (
        <div className="notice notice--warning" role="status">
          <p className="alert__heading">Alongside is not set up yet</p>
          <p>
            No one can sign in until the first administrator has chosen a password. The link to do that is in
            the server&rsquo;s output: the window or log where Alongside was started. Whoever started the
            server can find it there and open it.
          </p>
        </div>
      )}
      {failure !== null && <LoginFailure error={failure} />}
      <form onSubmit={form.onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <h2 className="login-help__heading">Forgotten your password?</h2>
      <p>
        Ask your coordinator or an administrator. They can give you a link to choose a new password. The link
        works once, for an hour.
      </p>
    </div>
  );
}
