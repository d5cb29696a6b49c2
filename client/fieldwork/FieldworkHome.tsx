import { lazy, Suspense } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { Link, navigate } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DraftList } from "./DraftList.tsx";
import { useEnrolment } from "./enrolment.ts";
import { NotEnrolled } from "./NotEnrolled.tsx";
import { fieldworkPath } from "./paths.ts";
import { SurveyChooser } from "./SurveyChooser.tsx";

// The upload status and the storage notes come a moment after the page (decision 0063): the status is
// the uploader's, which loads then too, and the notes wait for the storage to be checked anyway.
const loadStatus = () => import("./home-status.ts");
const SyncStatus = lazy(() => loadStatus().then((m) => ({ default: m.SyncStatus })));
const StorageNotes = lazy(() => loadStatus().then((m) => ({ default: m.StorageNotes })));

/** The researcher's home: what is waiting, what is in progress, and a new interview. */
export function FieldworkHome({ me }: { me: Me }) {
  const enrolment = useEnrolment(me.areaId);
  return (
    <>
      <PageHeading>Fieldwork</PageHeading>
      <Suspense fallback={null}>
        <SyncStatus />
        <StorageNotes />
      </Suspense>
      {enrolment === "blocked" && <NotEnrolled />}
      <DraftList me={me} />
      <SurveyChooser onChoose={(survey) => navigate(fieldworkPath.start(survey.id))} />
      <nav aria-label="More for fieldwork" className="quick-links">
        <h2>More</h2>
        <ul>
          <li>
            <Link to={fieldworkPath.due}>Follow-ups due</Link>
          </li>
          <li>
            <Link to={fieldworkPath.concern}>Raise a safeguarding concern</Link>
          </li>
          <li>
            <Link to={fieldworkPath.debrief}>Write a debrief</Link>
          </li>
          <li>
            <Link to={fieldworkPath.outbox}>Outbox</Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
