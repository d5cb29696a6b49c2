import { useCallback, useEffect, useState } from "react";
import type { RetentionResponse } from "../../shared/contract/index.ts";
import { retentionApi } from "../../shared/contract/retention.routes.ts";
import { call } from "../api/call.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DueResponses } from "./DueResponses.tsx";
import { RetentionSettingForm } from "./RetentionSettingForm.tsx";
import "../review/review.css";

type State =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; data: RetentionResponse };

/** The retention period, and the responses old enough to be reviewed for deletion. Admins only. */
export default function RetentionPage() {
  const [state, setState] = useState<State>({ status: "loading" });
  const load = useCallback(() => {
    call(retentionApi.due).then(
      (data) => setState({ status: "ready", data }),
      (error: unknown) => setState({ status: "error", error }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <>
      <PageHeading>Data retention</PageHeading>
      <p className="lead">
        Responses are kept only as long as the research needs them. Set how long; responses older than that
        are listed here for you to review and delete. Nothing is deleted without you, and every deletion is
        audited.
      </p>
      {state.status === "loading" && <Loading what="the retention list" />}
      {state.status === "error" && (
        <ErrorAlert heading="The retention list did not load" error={state.error} />
      )}
      {state.status === "ready" && (
        <>
          <RetentionSettingForm months={state.data.months} onSaved={load} />
          {state.data.months !== null && <DueResponses first={state.data} onDeleted={load} />}
        </>
      )}
    </>
  );
}
