import { useCallback, useState } from "react";
import type { LiveView } from "../../shared/contract/index.ts";
import { statsApi } from "../../shared/contract/stats.routes.ts";
import { call } from "../api/call.ts";
import { fetchOutcomeMap } from "../api/outcomes.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { LiveViewNotice, setViewInAddress, viewFromAddress } from "./LiveViewNotice.tsx";
import { ResponseCountsTable } from "./ResponseCountsTable.tsx";
import { StrandTable } from "./StrandTable.tsx";
import { SuppressionSetting } from "./SuppressionSetting.tsx";
import { TheoryOfChangeMap } from "./TheoryOfChangeMap.tsx";

const fetchResponseCounts = async () => (await call(statsApi.responseCounts)).counts;

/** The dashboard's home: the theory of change with each outcome's figures, then fieldwork counts. */
export function DashboardHome() {
  const me = useMe();
  const [view, setView] = useState<LiveView>(viewFromAddress);
  const loadMap = useCallback(() => fetchOutcomeMap(view), [view]);
  const [map, reloadMap] = useResource(loadMap);
  const [counts, reloadCounts] = useResource(fetchResponseCounts);
  const reload = useCallback(() => reloadMap(), [reloadMap]);
  return (
    <>
      <PageHeading>Outcomes</PageHeading>
      <LiveViewNotice
        view={view}
        k={map.status === "ready" && map.data.view === "released" ? map.data.k : null}
        onChange={(next) => {
          setViewInAddress(next);
          setView(next);
        }}
      />
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">The theory of change, measured</h2>
        {map.status === "loading" && <Loading what="the theory of change" />}
        {map.status === "error" && (
          <>
            <ErrorAlert heading="The outcome figures did not load" error={map.error} />
            <button type="button" className="button button--secondary" onClick={reloadMap}>
              Load them again
            </button>
          </>
        )}
        {map.status === "ready" && (
          <>
            <TheoryOfChangeMap data={map.data} />
            <StrandTable data={map.data} />
          </>
        )}
      </section>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Responses received</h2>
        {counts.status === "loading" && <Loading what="response counts" />}
        {counts.status === "error" && (
          <>
            <ErrorAlert heading="The response counts did not load" error={counts.error} />
            <button type="button" className="button button--secondary" onClick={reloadCounts}>
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
      {me.role === "admin" && <SuppressionSetting onSaved={reload} />}
    </>
  );
}
