import { fetchResponseCounts } from "../api/stats.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { ResponseCountsTable } from "./ResponseCountsTable.tsx";

export default function DashboardPage() {
  const [counts, reload] = useResource(fetchResponseCounts);
  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Responses received</h2>
        {counts.status === "loading" && <Loading what="response counts" />}
        {counts.status === "error" && (
          <>
            <ErrorAlert heading="The response counts did not load" error={counts.error} />
            <button type="button" className="button button--secondary" onClick={reload}>
              Load them again
            </button>
          </>
        )}
        {counts.status === "ready" &&
          (counts.data.length === 0 ? (
            <p>No responses have been received yet.</p>
          ) : (
            <ResponseCountsTable counts={counts.data} />
          ))}
      </section>
    </>
  );
}
