import "./fieldwork.css";
import { lazy, Suspense, useEffect } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { useMe } from "../auth/session.tsx";
import { uploader } from "../offline/uploader.ts";
import { usePathname } from "../routing/router.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { FieldworkHome, homeStatus } from "./FieldworkHome.tsx";
import { loadSanitiser } from "./html-sanitiser.ts";
import { InterviewScreen } from "./InterviewScreen.tsx";
import { type FieldworkView, fieldworkView } from "./paths.ts";
import { SpaceGate } from "./SpaceGate.tsx";
import { StartInterviewPage } from "./StartInterviewPage.tsx";

// The outbox, the due list and the stand-alone debrief load when opened (from the service worker's
// precache, so offline too). What opening /fieldwork and running an interview need comes with the page
// itself. The interview's way out (the end screen with the distress signposting and the debrief, the
// safeguarding concern form) is not needed to open the page: it is fetched as soon as the page is idle
// after opening, so it is in memory long before any interview ends, and never waits for a download
// then (docs/decisions/0020, 0050).
const loadEnded = () => import("./InterviewEndedPage.tsx");
const loadConcern = () => import("./ConcernPage.tsx");
const InterviewEndedPage = lazy(() => loadEnded().then((m) => ({ default: m.InterviewEndedPage })));
const ConcernPage = lazy(() => loadConcern().then((m) => ({ default: m.ConcernPage })));
const OutboxPage = lazy(() => import("./OutboxPage.tsx").then((m) => ({ default: m.OutboxPage })));
const DueListPage = lazy(() => import("./DueListPage.tsx").then((m) => ({ default: m.DueListPage })));
const DebriefPage = lazy(() => import("./DebriefPage.tsx").then((m) => ({ default: m.DebriefPage })));
// The service worker, the offline copies and the update prompt come a moment after the page (0063).
const loadUpkeep = () => import("./upkeep.ts");
const LazyUpdatePrompt = lazy(() => loadUpkeep().then((m) => ({ default: m.UpdatePrompt })));
/** Its own Suspense: the screen under it never waits for it. */
const UpdatePrompt = () => (
  <Suspense fallback={null}>
    <LazyUpdatePrompt />
  </Suspense>
);

/**
 * Offline-first fieldwork. Opening it installs the service worker (the app then opens with no
 * connection), starts the uploader for the signed-in researcher and, while online, refreshes the
 * copies of surveys, support services and due lists kept for offline use.
 */
export default function FieldworkPage() {
  const me = useMe();
  const view = fieldworkView(usePathname());

  useEffect(() => {
    uploader.start(me);
    void homeStatus.preload();
    void loadSanitiser();
    let stopped = false;
    let stop = () => {};
    void loadUpkeep().then(({ keepReadyForOffline }) => {
      if (!stopped) stop = keepReadyForOffline(me);
    });
    const soon = window.setTimeout(() => {
      void loadEnded();
      void loadConcern();
    }, 0);
    return () => {
      stopped = true;
      stop();
      window.clearTimeout(soon);
    };
  }, [me]);

  return (
    <Suspense fallback={<Loading what="the page" />}>
      <SpaceGate me={me} page={view.page}>
        <FieldworkScreen view={view} me={me} />
      </SpaceGate>
    </Suspense>
  );
}

function FieldworkScreen({ view, me }: { view: FieldworkView; me: Me }) {
  switch (view.page) {
    case "interview":
      // The update prompt never shows here: a new version must not interrupt an interview.
      return <InterviewScreen key={view.id} id={view.id} me={me} />;
    case "home":
      return (
        <>
          <UpdatePrompt />
          <FieldworkHome me={me} />
        </>
      );
    case "start":
      return <StartInterviewPage key={view.surveyId} surveyId={view.surveyId} me={me} />;
    case "finished":
      return <InterviewEndedPage key={view.id} id={view.id} me={me} />;
    case "outbox":
      return (
        <>
          <UpdatePrompt />
          <OutboxPage me={me} />
        </>
      );
    case "due":
      return <DueListPage me={me} />;
    case "concern":
      return <ConcernPage me={me} />;
    case "debrief":
      return <DebriefPage me={me} />;
    case "unknown":
      return <PageHeading>Page not found</PageHeading>;
  }
}
