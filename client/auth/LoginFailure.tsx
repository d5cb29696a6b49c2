import { ApiError } from "../api/api-error.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";

/**
 * Why signing in did not work, in words a person can act on. A pause after too many failures says how
 * long to wait (the server words it, from its own count); a disabled account says whom to ask.
 */
export function LoginFailure({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === "too_many_attempts") {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__heading">Signing in is paused</p>
        <p>{error.problem.detail ?? error.problem.title}</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.code === "account_disabled") {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__heading">This account is disabled</p>
        <p>Ask your coordinator or an administrator if you need it again.</p>
      </div>
    );
  }
  return <ErrorAlert heading="You are not signed in" error={error} />;
}
