import { Suspense } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { Link, navigate } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DraftList } from "./DraftList.tsx";
import { useEnrolment } from "./enrolment.ts";
import { NotEnrolled } from "./NotEnrolled.tsx";
import { fieldworkPath } from "./paths.ts";
import { preloadable } from "./preloadable.ts";
import { SurveyChooser } from "./SurveyChooser.tsx";

// The upload status and the storage notes, fetched as the page opens (FieldworkPage), so they are
// normally here before the PIN is typed and the home shows (decision 0063).
export const homeStatus = preloadable(() => import("./home-status.tsx").then((m) => m.HomeStatus));

/** The researcher's home: what is waiting, what is in progress, and a new interview. */
export function FieldworkHome({ me }: { me: Me }) {
  const enrolment = useEnrolment(me.areaId);
  const HomeStatus = homeStatus.current();
  return (
    <>
      <PageHeading>Fieldwork</PageHeading>
      <Suspense fallback={null}>
        <HomeStatus />
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
