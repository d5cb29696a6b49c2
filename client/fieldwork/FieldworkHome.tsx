import type { Me } from "../../shared/contract/index.ts";
import { Link, navigate } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DraftList } from "./DraftList.tsx";
import { useEnrolment } from "./enrolment.ts";
import { NotEnrolled } from "./NotEnrolled.tsx";
import { fieldworkPath } from "./paths.ts";
import { StorageNotes } from "./StorageNotes.tsx";
import { SurveyChooser } from "./SurveyChooser.tsx";
import { SyncStatus } from "./SyncStatus.tsx";

/** The researcher's home: what is waiting, what is in progress, and a new interview. */
export function FieldworkHome({ me }: { me: Me }) {
  const enrolment = useEnrolment(me.areaId);
  return (
    <>
      <PageHeading>Fieldwork</PageHeading>
      <SyncStatus />
      <StorageNotes />
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
