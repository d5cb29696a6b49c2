import { useState } from "react";
import { roleLabels } from "../../shared/contract/roles.ts";
import { errorMessage } from "../api/api-error.ts";
import { SignOutEverywhereButton } from "../auth/SignOutEverywhereButton.tsx";
import { useSession } from "../auth/session.tsx";
import { Link, navigate } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { routesFor } from "./routes.ts";

export function Header() {
  const { state, signOut } = useSession();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const me = state.status === "ready" ? state.me : null;
  const links = me ? routesFor(me.role) : [];

  const handleSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      navigate("/login");
      announce("You have signed out.");
    } catch (error) {
      announce(`Could not sign out. ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          Alongside
        </Link>
        {me && (
          <>
            {links.length > 0 && (
              <nav aria-label="Main" className="site-nav">
                <ul>
                  {links.map((route) => (
                    <li key={route.path}>
                      <Link to={route.path}>{route.label}</Link>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <div className="who">
              <p className="who__name">
                <span className="visually-hidden">Signed in as </span>
                {me.displayName} <span className="who__role">({roleLabels[me.role]})</span>
              </p>
              <button type="button" className="button button--quiet" onClick={handleSignOut} disabled={busy}>
                Sign out
              </button>
              <SignOutEverywhereButton />
              <Link to="/account/password" className="who__link">
                Change password
              </Link>
            </div>
          </>
        )}
      </div>
    </header>
  );
}
