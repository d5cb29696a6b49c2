import { useCallback, useEffect, useState } from "react";
import {
  type ReviewListItem,
  type ReviewStatus,
  reviewStatuses,
  reviewStatusLabels,
} from "../../shared/contract/index.ts";
import { listAreas } from "../api/areas.ts";
import { listForReview } from "../api/review.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { Link } from "../app/router.tsx";
import { useMe } from "../auth/session.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural, waveLabel } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { SelectField } from "../ui/SelectField.tsx";

type Page =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; items: ReviewListItem[]; total: number; next: string | null };

/** The responses waiting for a decision (or in any other state), oldest first, a page at a time. */
export function ReviewQueue() {
  const me = useMe();
  const announce = useAnnounce();
  const [areas] = useResource(listAreas);
  const [status, setStatus] = useState<ReviewStatus>("needs_review");
  const [areaId, setAreaId] = useState("");
  const [page, setPage] = useState<Page>({ status: "loading" });
  const [more, setMore] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      const result = await listForReview({ status, areaId: areaId || undefined, cursor });
      setPage((prev) => ({
        status: "ready",
        items: cursor && prev.status === "ready" ? [...prev.items, ...result.responses] : result.responses,
        total: result.total,
        next: result.nextCursor,
      }));
      return result;
    },
    [status, areaId],
  );

  useEffect(() => {
    setPage({ status: "loading" });
    load().catch((error: unknown) => setPage({ status: "error", error }));
  }, [load]);

  const showMore = async () => {
    if (page.status !== "ready" || !page.next) return;
    setMore(true);
    try {
      const result = await load(page.next);
      announce(`${plural(result.responses.length, "more response")} shown.`);
    } catch (error) {
      setPage({ status: "error", error });
    } finally {
      setMore(false);
    }
  };

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
          {page.items.length === 0 ? (
            <p>Nothing here.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">
                  Responses, oldest first. Showing {page.items.length} of {page.total}.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Survey</th>
                    <th scope="col">Area</th>
                    <th scope="col">Wave</th>
                    <th scope="col">Received</th>
                    <th scope="col" className="num">
                      Issues
                    </th>
                    <th scope="col" className="num">
                      Copies
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`/review/${item.id}`} className="code">
                          {item.participantCode}
                        </Link>
                      </th>
                      <td>
                        {item.surveyTitle} (v{item.surveyVersion})
                      </td>
                      <td>{item.areaName}</td>
                      <td>{waveLabel(item.wave)}</td>
                      <td>{formatDateTime(item.receivedAt)}</td>
                      <td className="num">{item.issueCount}</td>
                      <td className="num">{item.revisions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.next && (
            <button type="button" className="button button--secondary" onClick={showMore} disabled={more}>
              Show more
            </button>
          )}
        </section>
      )}
    </>
  );
}
