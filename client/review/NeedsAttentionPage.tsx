import type { AttentionItem } from "../../shared/contract/index.ts";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import { call } from "../api/call.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { InterviewList } from "./InterviewList.tsx";
import { usePagedList } from "./use-paged-list.ts";
import "./review.css";

const fetchPage = (cursor?: string) => call(reviewApi.attention, { query: { cursor } });

/**
 * For coordinators (docs/decisions/0024-who-sees-what.md): the interviews in their area that the
 * research team's analysts need to check, and which questions, so the coordinator can follow up with
 * the peer researcher. The answers themselves stay with the analysts: coordinators may know the people.
 */
export default function NeedsAttentionPage() {
  const { page, loadingMore, showMore } = usePagedList<AttentionItem>(fetchPage, "interview");

  return (
    <>
      <PageHeading>Interviews that need attention</PageHeading>
      <p className="lead">
        These interviews had an answer that did not pass a check, or arrived twice with different answers. The
        research team's analysts check them before they are counted.
      </p>
      <p>
        You can see which questions are affected, so you can talk it through with the peer researcher who did
        the interview. The answers themselves stay with the analysts, because people in your area may know the
        participant.
      </p>
      {page.status === "loading" && <Loading what="interviews" />}
      {page.status === "error" && <ErrorAlert heading="The list did not load" error={page.error} />}
      {page.status === "ready" && (
        <section aria-labelledby="attention-heading">
          <h2 id="attention-heading">{plural(page.total, "interview")} waiting to be checked</h2>
          <InterviewList
            page={page}
            caption="Interviews waiting to be checked, oldest first."
            participant={(item) => item.participantCode}
            columns={[
              { label: "Interview finished", cell: (item) => formatDateTime(item.completedAt) },
              { label: "Questions to check", cell: (item) => <QuestionsToCheck item={item} /> },
            ]}
            empty="Nothing needs attention at the moment."
            loadingMore={loadingMore}
            onShowMore={showMore}
          />
        </section>
      )}
    </>
  );
}

/**
 * Which questions to talk through with the researcher: their wording, never the answers. A question
 * asked only after certain answers is counted, not named: its name alone could say what was answered.
 */
function QuestionsToCheck({ item }: { item: AttentionItem }) {
  const unnamed = item.unnamedQuestions;
  const anyQuestion = item.questions.length > 0 || unnamed > 0;
  return (
    <>
      {!anyQuestion && !item.conflictingCopies && "The whole interview"}
      {anyQuestion && (
        <ul className="attention-questions">
          {item.questions.map((q) => (
            <li key={q.name}>{q.title}</li>
          ))}
          {unnamed > 0 && (
            <li>
              {item.questions.length > 0 ? plural(unnamed, "other question") : plural(unnamed, "question")},
              not named here: {unnamed === 1 ? "its name" : "their names"} could say what the participant
              answered
            </li>
          )}
        </ul>
      )}
      {item.conflictingCopies && <p>Sent twice with different answers.</p>}
    </>
  );
}
