import { useEffect, useState } from "react";
import type { ReviewDetail } from "../../shared/contract/index.ts";
import { reviewStatusLabels } from "../../shared/contract/index.ts";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { call } from "../api/call.ts";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AnswersTable } from "./AnswersTable.tsx";
import { CommentForm } from "./CommentForm.tsx";
import { DecisionForm } from "./DecisionForm.tsx";
import { questionLabel } from "./format-answer.ts";
import { HistoryList } from "./HistoryList.tsx";
import { RevisionsSection } from "./RevisionsSection.tsx";

type State =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; detail: ReviewDetail };

/** One response: what was answered, what failed, every copy that arrived, the decisions so far. */
export function ResponseReview({ id }: { id: string }) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how "Load it again" asks for a new load.
  useEffect(() => {
    let live = true;
    call(reviewApi.detail, { params: { id } }).then(
      (detail) => live && setState({ status: "ready", detail }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const reload = () => setAttempt((n) => n + 1);
  const update = (detail: ReviewDetail) => setState({ status: "ready", detail });

  if (state.status === "loading") return <Loading what="the response" />;
  if (state.status === "error") {
    return (
      <>
        <PageHeading>Review a response</PageHeading>
        <ErrorAlert heading="The response did not load" error={state.error} />
        <p>
          <Link to="/review">Back to the review queue</Link>
        </p>
      </>
    );
  }
  const { detail } = state;
  const r = detail.response;
  return (
    <>
      <PageHeading>{`Review response for ${r.participantCode}`}</PageHeading>
      <p>
        <Link to="/review">Back to the review queue</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd>
            <span className={`status status--${r.reviewStatus}`}>{reviewStatusLabels[r.reviewStatus]}</span>
          </dd>
        </div>
        <div>
          <dt>Survey</dt>
          <dd>
            {r.surveyTitle}, version {r.surveyVersion}
          </dd>
        </div>
        <div>
          <dt>Area</dt>
          <dd>{r.areaName}</dd>
        </div>
        <div>
          <dt>Wave</dt>
          <dd>{waveLabel(r.wave)}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{formatDateTime(r.completedAt)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>
            {formatDateTime(r.receivedAt)} from {r.submittedBy}
          </dd>
        </div>
      </dl>
      {detail.issues.length > 0 && (
        <div className="notice notice--warning">
          <h2>What did not pass the survey's checks</h2>
          <ul>
            {detail.issues.map((issue) => (
              <li key={`${issue.path ?? issue.question}:${issue.message}`}>
                <strong>{questionLabel(detail.fields, issue.question)}</strong>: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <AnswersTable detail={detail} />
      <RevisionsSection detail={detail} />
      <DecisionForm detail={detail} onDecided={update} onStale={reload} />
      <CommentForm id={r.id} onCommented={update} />
      <HistoryList history={detail.history} />
    </>
  );
}
