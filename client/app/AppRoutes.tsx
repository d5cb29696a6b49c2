import { lazy, Suspense } from "react";
import { useSession } from "../auth/session.tsx";
import { NotForYourRolePage } from "../routing/NotForYourRolePage.tsx";
import { NotFoundPage } from "../routing/NotFoundPage.tsx";
import { Redirect, safeNextPath, usePathname } from "../routing/router.tsx";
import { Loading } from "../ui/Loading.tsx";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { HomePage } from "./HomePage.tsx";
import { pageRoutes } from "./routes.ts";
import { ServerUnreachable } from "./ServerUnreachable.tsx";

const SetupPage = lazy(() => import("../auth/SetupPage.tsx"));
const PublicReleasePage = lazy(() => import("../releases/PublicReleasePage.tsx"));
// Someone signed in never needs the sign-in form: it is not in what every page loads (decision 0063).
const LoginPage = lazy(() => import("../auth/LoginPage.tsx").then((m) => ({ default: m.LoginPage })));

/** Picks the page for the current path, and sends people who are not signed in to /login. */
export function AppRoutes() {
  const path = usePathname();
  const { state } = useSession();

  // The setup link works before anyone exists to sign in as; a reset link for someone signed out.
  if (path === "/setup" || path === "/reset-password") return <LazyPage path={path} page={SetupPage} />;
  // A release's public link (`publicReleasePath`) is for anyone, signed in or not.
  if (path.startsWith("/r/")) return <LazyPage path="/r" page={PublicReleasePage} />;
  if (state.status === "loading") return <Loading what="Alongside" />;
  if (state.status === "unreachable") return <ServerUnreachable error={state.error} />;

  const { me } = state;
  if (path === "/login") {
    if (!me) return <LazyPage path="/login" page={LoginPage} />;
    const next = safeNextPath(new URLSearchParams(window.location.search).get("next"));
    return <Redirect to={next ? `${next}${window.location.hash}` : "/"} />;
  }
  // The fragment rides along through sign-in (an enrolment code in /enrol#code=… must survive it); it
  // stays in the browser and never reaches the server.
  if (!me) {
    return (
      <Redirect
        to={path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}${window.location.hash}`}
      />
    );
  }
  if (path === "/") return <HomePage me={me} />;

  // A page owns its path and every sub-path (/dashboard/outcomes/x); it reads the rest itself.
  const route = pageRoutes.find(
    (candidate) => path === candidate.path || path.startsWith(`${candidate.path}/`),
  );
  if (!route) return <NotFoundPage />;
  if (!route.roles.includes(me.role)) return <NotForYourRolePage />;
  return <LazyPage path={route.path} page={route.page} />;
}

function LazyPage({ path, page: Page }: { path: string; page: React.ComponentType }) {
  return (
    <ErrorBoundary key={path}>
      <Suspense fallback={<Loading what="the page" />}>
        <Page />
      </Suspense>
    </ErrorBoundary>
  );
}
