import type { Me, PublishedSurveySummary } from "../../shared/contract/index.ts";
import { NetworkError } from "../api/api-error.ts";
import { fetchSurveyVersion, listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { navigate } from "../app/router.tsx";
import type { InterviewSetupFields } from "../offline/contract.ts";
import { putDraft } from "../offline/drafts.ts";
import { requestPersistentStorage } from "../offline/persistent-storage.ts";
import { newResponseId } from "../offline/response-id.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { useEnrolment } from "./enrolment.ts";
import { NotEnrolled } from "./NotEnrolled.tsx";
import { fieldworkPath, queryParam } from "./paths.ts";
import { StartInterviewForm } from "./StartInterviewForm.tsx";
import { TrainingWarning } from "./TrainingWarning.tsx";

/**
 * Who, which wave, where and how; then the interview exists on the tablet as a draft before anything
 * else happens, with its own id and the exact survey version, so it can be resumed whatever follows.
 */
export function StartInterviewPage({ surveyId, me }: { surveyId: string; me: Me }) {
  const [surveys, reload] = useResource(listPublishedSurveys);
  const survey = surveys.status === "ready" ? surveys.data.find((s) => s.id === surveyId) : undefined;
  const wave = Number(queryParam("wave"));
  const enrolment = useEnrolment(me.areaId);

  const start = async (chosen: PublishedSurveySummary, setup: InterviewSetupFields) => {
    const id = await startDraft(me, chosen, setup);
    navigate(fieldworkPath.interview(id));
  };

  return (
    <>
      <PageHeading>Start an interview</PageHeading>
      <TrainingWarning />
      {surveys.status === "loading" && <Loading what="the survey" />}
      {surveys.status === "error" && (
        <>
          <ErrorAlert heading="The survey did not load" error={surveys.error} />
          <button type="button" className="button button--secondary" onClick={reload}>
            Try again
          </button>
        </>
      )}
      {surveys.status === "ready" && !survey && <p>This survey is not published, or not on this tablet.</p>}
      {enrolment === "blocked" && <NotEnrolled />}
      {survey && enrolment !== "blocked" && (
        <StartInterviewForm
          me={me}
          survey={survey}
          initialCode={queryParam("code") ?? ""}
          initialWave={Number.isInteger(wave) && wave >= 0 ? wave : 0}
          onStart={(setup) => start(survey, setup)}
          onBack={() => navigate(fieldworkPath.home)}
        />
      )}
    </>
  );
}

async function startDraft(
  me: Me,
  survey: PublishedSurveySummary,
  setup: {
    participantCode: string;
    wave: number;
    areaId: string;
    administrationMode: "read_aloud" | "self_completed" | "mixed";
  },
): Promise<string> {
  let version: Awaited<ReturnType<typeof fetchSurveyVersion>>;
  try {
    version = await fetchSurveyVersion(survey.id, survey.version);
  } catch (error) {
    throw error instanceof NetworkError
      ? new NetworkError(
          "This survey has not been downloaded to this tablet yet. Open Alongside once with a connection, then try again.",
        )
      : error;
  }
  const now = new Date().toISOString();
  const id = newResponseId();
  await putDraft({
    id,
    ownerId: me.id,
    ownerName: me.displayName,
    survey,
    version,
    setup,
    startedAt: now,
    updatedAt: now,
    stage: "readiness",
    data: {},
    pageNo: 0,
    view: "interviewer",
    handedOver: false,
  });
  void requestPersistentStorage();
  return id;
}
