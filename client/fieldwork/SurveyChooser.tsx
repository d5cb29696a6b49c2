import type { PublishedSurveySummary } from "../../shared/contract/index.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";

/** The published surveys a researcher can start an interview with (kept for offline use). */
export function SurveyChooser({ onChoose }: { onChoose: (survey: PublishedSurveySummary) => void }) {
  const [surveys, reload] = useResource(listPublishedSurveys);
  return (
    <section aria-labelledby="choose-survey">
      <h2 id="choose-survey">Choose a survey</h2>
      {surveys.status === "loading" && <Loading what="surveys" />}
      {surveys.status === "error" && (
        <>
          <ErrorAlert heading="The surveys did not load" error={surveys.error} />
          <p>Open Alongside once with a connection so this tablet keeps a copy of the surveys.</p>
          <button type="button" className="button button--secondary" onClick={reload}>
            Load the surveys again
          </button>
        </>
      )}
      {surveys.status === "ready" && surveys.data.length === 0 && (
        <p>No surveys are published yet. Your coordinator will publish them.</p>
      )}
      {surveys.status === "ready" && surveys.data.length > 0 && (
        <ul className="cards">
          {surveys.data.map((survey) => (
            <li key={survey.id} className="card">
              <h3>{survey.title}</h3>
              {survey.description && <p>{survey.description}</p>}
              <p className="muted">Version {survey.version}</p>
              <button type="button" className="button button--large" onClick={() => onChoose(survey)}>
                Choose {survey.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
