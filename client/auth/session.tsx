import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { authApi } from "../../shared/contract/auth.routes.ts";
import type { Me } from "../../shared/contract/index.ts";
import { fetchMe } from "../api/auth.ts";
import { call } from "../api/call.ts";
import { onSessionExpired } from "../api/http.ts";
import { spaceSession } from "../offline/space-session.ts";

/**
 * Who is signed in. The session itself is an HttpOnly cookie the app never sees; `GET /api/auth/me`
 * tells us whose it is. Any request that meets `not_signed_in` clears `me`, and the router then
 * shows the sign-in page.
 */
export type SessionState =
  | { status: "loading" }
  | { status: "unreachable"; error: unknown }
  | { status: "ready"; me: Me | null };

interface Session {
  state: SessionState;
  setMe: (me: Me | null) => void;
  reload: () => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() outside <SessionProvider>");
  return session;
}

/** The signed-in person, for pages that are only rendered when someone is signed in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "ready" || !state.me) throw new Error("useMe() with nobody signed in");
  return state.me;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    // `attempt` changes when the person asks to try again.
    void attempt;
    fetchMe().then(
      (me) => live && setState({ status: "ready", me }),
      (error: unknown) => live && setState({ status: "unreachable", error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => onSessionExpired(() => setState({ status: "ready", me: null })), []);

  const setMe = useCallback((me: Me | null) => setState({ status: "ready", me }), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // Only a confirmed sign-out clears the screen: on a shared tablet a session that is still alive
  // behind a sign-in page would be a false comfort. The caller shows the error.
  const signOut = useCallback(async () => {
    // The researcher's space closes at sign-out, whatever the server answers (issue 17).
    spaceSession.lock("sign_out");
    await call(authApi.logout);
    setState({ status: "ready", me: null });
  }, []);

  return (
    <SessionContext.Provider value={{ state, setMe, reload, signOut }}>{children}</SessionContext.Provider>
  );
}
