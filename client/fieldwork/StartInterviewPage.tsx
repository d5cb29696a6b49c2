import { lazy, Suspense, useCallback } from "react";
import type { Me, PublishedSurveySummary } from "../../shared/contract/index.ts";
import { chooseWave, type LocalInterview } from "../../shared/fieldwork/wave-choice.ts";
import { NetworkError } from "../api/api-error.ts";
import { fetchDueList } from "../api/followups.ts";
import { fetchSurveyVersion, listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import type { InterviewSetupFields } from "../offline/contract.ts";
import { putDraft } from "../offline/drafts.ts";
import { outboxOf } from "../offline/outbox.ts";
import { requestPersistentStorage } from "../offline/persistent-storage.ts";
import { newResponseId } from "../offline/response-id.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { navigate, pageState } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { useEnrolment } from "./enrolment.ts";
import { NotEnrolled } from "./NotEnrolled.tsx";
import { fieldworkPath } from "./paths.ts";
import { StartInterviewForm } from "./StartInterviewForm.tsx";

// The training warning fetches the researcher's standing before it can show anything: its code comes
// with that fetch, not with the page (decision 0057). Offline it shows nothing, as before.
const TrainingWarning = lazy(() =>
  import("./TrainingWarning.tsx").then((m) => ({ default: m.TrainingWarning })),
);

/**
 * Who, which wave (worked out, shared/fieldwork/wave-choice.ts), where and how; then the interview exists on the tablet as a draft before anything
 * else happens, with its own id and the exact survey version, so it can be resumed whatever follows.
 */
export function StartInterviewPage({ surveyId, me }: { surveyId: string; me: Me }) {
  const [surveys, reload] = useResource(listPublishedSurveys);
  const survey = surveys.status === "ready" ? surveys.data.find((s) => s.id === surveyId) : undefined;
  const enrolment = useEnrolment(me.areaId);
  // What the wave is worked out from: the server's due list (the service worker keeps a copy for
  // offline use; without one, the tablet's own interviews are all there is) and this researcher's own
  // items in the tablet's outbox (another researcher's are sealed and not theirs to see: issue 17).
  const [due] = useResource(fetchDueList);
  const outbox = useLiveQuery(outboxOf(me.id), me.id);
  const waveFor = useCallback(
    (code: string | null) => {
      const local: LocalInterview[] = (outbox ?? []).flatMap((record) =>
        record.kind === "interview" &&
        record.item.participantCode === code &&
        record.item.surveyId === surveyId &&
        record.state !== "refused"
          ? [{ wave: record.item.wave, ending: record.item.ending }]
          : [],
      );
      const known =
        due.status === "ready"
          ? due.data.participants.find((p) => p.participantCode === code && p.surveyId === surveyId)
          : undefined;
      return chooseWave(code === null ? [] : local, code === null ? undefined : known, new Date());
    },
    [due, outbox, surveyId],
  );

  const start = async (chosen: PublishedSurveySummary, setup: InterviewSetupFields) => {
    const id = await startDraft(me, chosen, setup);
    navigate(fieldworkPath.interview(id));
  };

  return (
    <>
      <PageHeading>Start an interview</PageHeading>
      <Suspense fallback={null}>
        <TrainingWarning />
      </Suspense>
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
          initialCode={pageState("code") ?? ""}
          waveFor={waveFor}
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
