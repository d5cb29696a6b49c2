import type { ReactNode } from "react";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { formatDateTime } from "../ui/format.ts";

/** One interview the server received from a tablet: never its answers. */
export interface ReceivedInterview {
  id: string;
  surveyId: string;
  wave: number;
  receivedAt: string;
  participantCode?: string;
}

/** A survey's title from its id, once the published surveys have loaded; the id until then. */
export function useSurveyTitle(): (surveyId: string | null) => string {
  const [surveys] = useResource(listPublishedSurveys);
  return (surveyId) =>
    surveyId === null
      ? ""
      : ((surveys.status === "ready" ? surveys.data.find((s) => s.id === surveyId)?.title : undefined) ??
        surveyId);
}

/**
 * The interviews received from one tablet, most recent first. Two audiences see it (decision 0025,
 * 0036): the area's coordinator, on a lost tablet's report, sees who each interview was with (the
 * participant's code); the data manager's list of what a tablet collected shows each interview's
 * reference to quote to the area instead. One table for both, so they cannot drift apart.
 */
export function ReceivedInterviewsTable({
  caption,
  interviews,
  identify,
}: {
  caption: ReactNode;
  interviews: readonly ReceivedInterview[];
  identify: "participant" | "reference";
}) {
  const title = useSurveyTitle();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{identify === "participant" ? "Participant" : "Reference"}</th>
            <th scope="col">Survey</th>
            <th scope="col">Interview</th>
            <th scope="col">Received</th>
          </tr>
        </thead>
        <tbody>
          {interviews.map((interview) => (
            <tr key={interview.id}>
              <td>{identify === "participant" ? interview.participantCode : <code>{interview.id}</code>}</td>
              <td>{title(interview.surveyId)}</td>
              <td>{waveLabel(interview.wave)}</td>
              <td>{formatDateTime(interview.receivedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
