import { useEffect, useState } from "react";
import type { Me, ResetLink, User } from "../../shared/contract/index.ts";
import { usersApi } from "../../shared/contract/users.routes.ts";
import { errorMessage } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { formatDateTime } from "../ui/format.ts";
import { TextField } from "../ui/TextField.tsx";

/** Who this person may make a reset link for; the server checks the same (server/users). */
export function mayMakeResetLink(me: Me, user: User): boolean {
  if (user.disabled || user.id === me.id) return false;
  if (me.role === "admin") return true;
  return (
    me.role === "coordinator" &&
    user.areaId !== null &&
    user.areaId === me.areaId &&
    (user.role === "peer_researcher" || user.role === "expert")
  );
}

/**
 * "Forgot password" without email (issue 14): the person asks, the admin or coordinator makes a
 * one-time link here and gives it to them (reading it out, sending it, or letting them scan the QR
 * code). It is shown only now; making another stops this one working.
 */
export function ResetLinkButton({ me, user }: { me: Me; user: User }) {
  const announce = useAnnounce();
  const [link, setLink] = useState<ResetLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (!mayMakeResetLink(me, user)) return null;

  const make = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setLink(await call(usersApi.resetLink, { params: { id: user.id } }));
      announce(`A password reset link for ${user.displayName} is shown below the button.`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reset-link">
      <button type="button" className="button button--secondary" onClick={make} disabled={busy}>
        {link ? "Make a new reset link" : "Password reset link"}
        <span className="visually-hidden"> for {user.displayName}</span>
      </button>
      {failure !== null && (
        <p className="field-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
      {link && <ResetLinkNotice link={link} user={user} onClose={() => setLink(null)} />}
    </div>
  );
}

function ResetLinkNotice({ link, user, onClose }: { link: ResetLink; user: User; onClose: () => void }) {
  const url = `${window.location.origin}${link.setupPath}`;
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((qrcode) => qrcode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }))
      .then((text) => live && setSvg(text))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="notice notice--success reset-link__notice" role="status">
      <p className="alert__heading">Password reset link for {user.displayName}</p>
      <p>
        Give this link only to {user.displayName}. It is shown only now. It works once, until{" "}
        {formatDateTime(link.expiresAt)}. When they use it they choose a new password and are signed out on
        every other device.
      </p>
      <TextField
        label="Link to give them"
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      {svg && (
        <img
          className="qr"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={`QR code that opens the password reset link for ${user.displayName}`}
        />
      )}
      <button type="button" className="button button--quiet" onClick={onClose}>
        Hide the link
      </button>
    </div>
  );
}
