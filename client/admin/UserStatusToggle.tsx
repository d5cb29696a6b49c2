import { useEffect, useRef, useState } from "react";
import type { Me, User } from "../../shared/contract/index.ts";
import { usersApi } from "../../shared/contract/users.routes.ts";
import { errorMessage } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import "./user-status.css";

/**
 * An admin disables or enables an account from the users table. Disabling signs the person out on
 * every device at once, so it asks once more, in the row, before doing it. An admin cannot disable
 * their own account (the server refuses it too).
 */
export function UserStatusToggle({ me, user, onChanged }: { me: Me; user: User; onChanged: () => void }) {
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const disableRef = useRef<HTMLButtonElement>(null);
  const enableRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const changed = useRef(false);

  // Keep keyboard focus on the control that replaced the one just pressed.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) disableRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  // After a change the list reloads and this row shows the opposite button: give it the focus.
  useEffect(() => {
    if (!changed.current) return;
    changed.current = false;
    (user.disabled ? enableRef : disableRef).current?.focus();
  }, [user.disabled]);

  const status = user.disabled ? "Disabled" : user.invited ? "Invited" : "Active";
  if (me.role !== "admin" || me.id === user.id) return <>{status}</>;

  const change = async (disable: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      await call(disable ? usersApi.disable : usersApi.enable, { params: { id: user.id } });
      announce(
        disable
          ? `${user.displayName}'s account is disabled and signed out everywhere.`
          : `${user.displayName}'s account is enabled.`,
      );
      changed.current = true;
      asked.current = false;
      setConfirming(false);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="user-status">
      <span>{status}</span>
      {user.disabled ? (
        <button
          ref={enableRef}
          type="button"
          className="button button--secondary"
          onClick={() => change(false)}
          disabled={busy}
        >
          Enable<span className="visually-hidden"> {user.displayName}</span>
        </button>
      ) : confirming ? (
        <fieldset className="user-status__confirm">
          <legend className="user-status__warning">
            Disable {user.displayName}? They are signed out on every device at once.
          </legend>
          <button
            ref={confirmRef}
            type="button"
            className="button button--danger"
            onClick={() => change(true)}
            disabled={busy}
          >
            Yes, disable<span className="visually-hidden"> {user.displayName}</span>
          </button>{" "}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setConfirming(false)}
            disabled={busy}
          >
            Cancel
          </button>
        </fieldset>
      ) : (
        <button
          ref={disableRef}
          type="button"
          className="button button--secondary"
          onClick={() => setConfirming(true)}
        >
          Disable<span className="visually-hidden"> {user.displayName}</span>
        </button>
      )}
      {failure !== null && (
        <p className="field-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
    </div>
  );
}
