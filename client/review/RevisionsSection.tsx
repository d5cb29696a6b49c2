import type { ReviewDetail } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";
import { formatAnswer, questionLabel } from "./format-answer.ts";

const ENVELOPE_LABELS: Record<string, string> = {
  surveyId: "Survey",
  surveyVersion: "Survey version",
  participantCode: "Participant code",
  wave: "Wave",
  areaId: "Area",
  startedAt: "Started",
  completedAt: "Completed",
  administrationMode: "Administration mode",
  ending: "How the interview ended",
};

/** Other copies of this interview that arrived under the same id, and how each differs from the current one. */
export function RevisionsSection({ detail }: { detail: ReviewDetail }) {
  const others = detail.revisions.filter((r) => !r.current);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Other copies of this interview</h2>
      <p>
        A tablet sent this interview more than once with different answers. Nothing was overwritten: every
        copy is kept. You can make another copy the current one in your decision below.
      </p>
      {others.map((revision) => {
        const field = (name: string) => detail.fields.find((f) => f.name === name);
        return (
          <article
            key={revision.revision}
            className="panel"
            aria-labelledby={`revision-${revision.revision}`}
          >
            <h3 id={`revision-${revision.revision}`}>
              Copy {revision.revision}, received {formatDateTime(revision.receivedAt)} from{" "}
              {revision.submittedBy}
            </h3>
            {revision.changedAnswers.length + revision.changedEnvelope.length === 0 ? (
              <p>Same answers as the current copy.</p>
            ) : (
              <div className="table-scroll">
                <table className="table">
                  <caption>What differs from the current copy</caption>
                  <thead>
                    <tr>
                      <th scope="col">Question</th>
                      <th scope="col">Current copy</th>
                      <th scope="col">Copy {revision.revision}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {revision.changedEnvelope.map((key) => (
                      <tr key={key}>
                        <th scope="row">{ENVELOPE_LABELS[key] ?? key}</th>
                        <td>{String(currentEnvelope(detail, key))}</td>
                        <td>{String(revision.item[key as keyof typeof revision.item])}</td>
                      </tr>
                    ))}
                    {revision.changedAnswers.map((name) => (
                      <tr key={name}>
                        <th scope="row">{questionLabel(detail.fields, name)}</th>
                        <td className="answer">{formatAnswer(field(name), detail.answers[name])}</td>
                        <td className="answer">{formatAnswer(field(name), revision.item.data[name])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {revision.issues.length > 0 && (
              <p>
                This copy would not pass:{" "}
                {revision.issues.map((i) => `${i.question} (${i.message})`).join("; ")}.
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}

function currentEnvelope(detail: ReviewDetail, key: string): unknown {
  const current = detail.revisions.find((r) => r.current);
  return current ? current.item[key as keyof typeof current.item] : "";
}
