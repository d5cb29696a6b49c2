import { useState } from "react";
import { authApi } from "../../shared/contract/auth.routes.ts";
import { errorMessage } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { navigate } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { useSession } from "./session.tsx";

/**
 * Ends this account's sessions on every device: for a tablet left behind or a shared computer someone
 * forgot to sign out of. Only a confirmed answer clears the screen, as with signing out here.
 */
export function SignOutEverywhereButton() {
  const { setMe } = useSession();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);

  const handleClick = async () => {
    setBusy(true);
    try {
      await call(authApi.logoutEverywhere);
      setMe(null);
      navigate("/login");
      announce("You have signed out on every device.");
    } catch (error) {
      announce(`Could not sign out everywhere. ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" className="button button--quiet" onClick={handleClick} disabled={busy}>
      Sign out everywhere
    </button>
  );
}
