import { useState } from "react";
import { authApi } from "../../shared/contract/auth.routes.ts";
import { MIN_PASSWORD_LENGTH, passwordWeakness } from "../../shared/contract/index.ts";
import { ApiError } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { useMe } from "./session.tsx";

interface Errors {
  current?: string;
  next?: string;
  repeat?: string;
}

/**
 * A signed-in person changes their password (issue 14). The current password is asked for, so a
 * session left open on a shared tablet is not enough; every other device is signed out, this one
 * stays signed in.
 */
export default function ChangePasswordPage() {
  const me = useMe();
  const announce = useAnnounce();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const form = useSubmit<Errors>({
    check: () => {
      setDone(false);
      const found: Errors = {};
      if (current === "") found.current = "Enter the password you use now.";
      const weakness = passwordWeakness(next, me.email);
      if (weakness) found.next = weakness;
      if (repeat !== next) found.repeat = "The two new passwords are not the same.";
      return found;
    },
    run: async (element) => {
      try {
        await call(authApi.changePassword, { body: { currentPassword: current, newPassword: next } });
      } catch (error) {
        // These two are about one field: shown there, not in the alert.
        const field =
          error instanceof ApiError && error.code === "wrong_current_password"
            ? { current: "This is not the password you use now. Check it and try again." }
            : error instanceof ApiError && error.code === "weak_password"
              ? { next: error.message }
              : null;
        if (!field) throw error;
        form.setErrors(field);
        if (element) requestAnimationFrame(() => focusFirstError(element));
        return;
      }
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
      announce("Your password is changed. You are signed out on your other devices.");
    },
    fieldErrors: () => ({}),
  });
  const { errors, failure, busy } = form;

  return (
    <div className="narrow">
      <PageHeading>Change your password</PageHeading>
      <p>
        You stay signed in here. Anywhere else you are signed in, such as another tablet or computer, you will
        be signed out.
      </p>
      {done && (
        <div className="notice notice--success" role="status">
          <p className="alert__heading">Your password is changed</p>
          <p>Use the new password next time you sign in.</p>
        </div>
      )}
      {failure !== null && <ErrorAlert heading="Your password was not changed" error={failure} />}
      <form onSubmit={form.onSubmit} noValidate>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={errors.current}
        />
        <TextField
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words in a row are easy to remember and hard to guess.`}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={errors.next}
        />
        <TextField
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          error={errors.repeat}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Changing…" : "Change password"}
        </button>
      </form>
      <p>
        Forgotten your current password? Sign out and ask your coordinator or an administrator for a password
        reset link.
      </p>
    </div>
  );
}
