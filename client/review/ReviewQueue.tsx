import { useCallback, useState } from "react";
import {
  type ReviewListItem,
  type ReviewStatus,
  reviewStatuses,
  reviewStatusLabels,
} from "../../shared/contract/index.ts";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import { listAreas } from "../api/areas.ts";
import { call } from "../api/call.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { InterviewList } from "./InterviewList.tsx";
import { usePagedList } from "./use-paged-list.ts";

/** The responses waiting for a decision (or in any other state), oldest first, a page at a time. */
export function ReviewQueue() {
  const me = useMe();
  const [areas] = useResource(listAreas);
  const [status, setStatus] = useState<ReviewStatus>("needs_review");
  const [areaId, setAreaId] = useState("");
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const result = await call(reviewApi.list, { query: { status, areaId, cursor } });
      return { items: result.responses, total: result.total, nextCursor: result.nextCursor };
    },
    [status, areaId],
  );
  const { page, loadingMore, showMore } = usePagedList<ReviewListItem>(fetchPage, "response");

  const areaOptions = [
    { value: "", label: me.areaId ? "Your area" : "All areas" },
    ...(areas.status === "ready" ? areas.data.map((a) => ({ value: a.id, label: a.name })) : []),
  ];

  return (
    <>
      <PageHeading>Review responses</PageHeading>
      <p className="lead">
        Interviews that failed a check, or arrived twice with different answers, wait here for a decision.
        Rejected responses are left out of exports and dashboards.
      </p>
      <form className="filters" aria-label="Which responses" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label="Review state"
          value={status}
          onChange={(event) => setStatus(event.target.value as ReviewStatus)}
          options={reviewStatuses.map((s) => ({ value: s, label: reviewStatusLabels[s] }))}
        />
        {me.areaId === null && (
          <SelectField
            label="Area"
            value={areaId}
            onChange={(event) => setAreaId(event.target.value)}
            options={areaOptions}
          />
        )}
      </form>
      {page.status === "loading" && <Loading what="responses" />}
      {page.status === "error" && <ErrorAlert heading="The responses did not load" error={page.error} />}
      {page.status === "ready" && (
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading">
            {plural(page.total, "response")}: {reviewStatusLabels[status].toLowerCase()}
          </h2>
          <InterviewList
            page={page}
            caption="Responses, oldest first."
            participant={(item) => (
              <Link to={`/review/${item.id}`} className="code">
                {item.participantCode}
              </Link>
            )}
            survey={(item) => `${item.surveyTitle}, version ${item.surveyVersion}`}
            columns={[
              { label: "Received", cell: (item) => formatDateTime(item.receivedAt) },
              { label: "Checks not passed", numeric: true, cell: (item) => item.issueCount },
              { label: "Copies received", numeric: true, cell: (item) => item.revisions },
            ]}
            empty="Nothing here."
            loadingMore={loadingMore}
            onShowMore={showMore}
          />
        </section>
      )}
    </>
  );
}
