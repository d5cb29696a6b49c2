import { useEffect, useRef, useState } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { lookUpRecord } from "../offline/outbox.ts";
import type { OutboxRecord } from "../offline/records.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { Link, pageState } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DebriefForm } from "./DebriefForm.tsx";
import { DistressSupport } from "./DistressSupport.tsx";
import type { EndedAs } from "./finish-interview.ts";
import { NotOnThisTablet } from "./NotOnThisTablet.tsx";
import { fieldworkPath, queryParam, withCode } from "./paths.ts";
import { stateText } from "./receipt-text.ts";
import { SyncStatus } from "./SyncStatus.tsx";
import { UpdatePrompt } from "./UpdatePrompt.tsx";

const headings: Record<EndedAs, string> = {
  completed: "Interview finished",
  declined: "Consent not given",
  stopped: "Interview stopped",
  stopped_before_consent: "Interview stopped",
  rescheduled: "Interview rescheduled",
};

const endings = Object.keys(headings) as EndedAs[];

/**
 * After an interview: support to offer if it was stopped, what became of it (live: waiting, then the
 * server's receipt), a safeguarding concern if one is needed, and the researcher's own debrief.
 */
export function InterviewEndedPage({ id, me }: { id: string; me: Me }) {
  const ending = endings.find((e) => e === queryParam("ending")) ?? "completed";
  // Who and what the interview was about come with the history entry, never in the address.
  const code = pageState("code") ?? "";
  const surveyId = pageState("surveyId") ?? "";
  const areaId = pageState("areaId") ?? me.areaId ?? "";
  // The interview's language, for the support services shown to the person (decision 0050).
  const language = pageState("language");
  const [debriefed, setDebriefed] = useState(false);
  const stopped = ending === "stopped" || ending === "stopped_before_consent";
  // Only the researcher who made it sees what became of an interview (issue 17): another researcher
  // on the tablet, or an address for something not here, gets a plain page with a way back.
  const lookup = useLiveQuery(() => lookUpRecord(id, me.id), `${id}:${me.id}`);
  const hasRecord = ending !== "stopped_before_consent" && ending !== "rescheduled";
  if (hasRecord && lookup !== undefined && lookup.kind !== "mine")
    return <NotOnThisTablet what="interview" />;
  const record = lookup?.kind === "mine" ? lookup.record : undefined;

  return (
    <>
      <PageHeading>{headings[ending]}</PageHeading>
      <UpdatePrompt />
      {stopped && areaId && <DistressSupport areaId={areaId} language={language ?? undefined} />}
      <WhatWasKept record={record} ending={ending} />
      <div className="actions">
        <Link to={fieldworkPath.concern} state={withCode(code)} className="button button--secondary">
          Raise a safeguarding concern
        </Link>
        {surveyId && ending !== "rescheduled" && (
          <Link to={fieldworkPath.start(surveyId)} className="button button--secondary">
            Start another interview
          </Link>
        )}
        <Link to={fieldworkPath.home} className="button button--secondary">
          Back to fieldwork
        </Link>
      </div>
      {areaId &&
        (debriefed ? (
          <p className="notice notice--success">Thank you for your debrief.</p>
        ) : (
          <DebriefForm me={me} areaId={areaId} onDone={() => setDebriefed(true)} />
        ))}
      <SyncStatus />
    </>
  );
}

function WhatWasKept({ record, ending }: { record: OutboxRecord | undefined; ending: EndedAs }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const onServer = record !== undefined && ["stored", "needs_review", "conflict"].includes(record.state);
  // The outcome is news: when it arrives from the server it takes focus.
  useEffect(() => {
    if (onServer) heading.current?.focus();
  }, [onServer]);

  if (ending === "stopped_before_consent") {
    return <p className="notice">Nothing from this interview is kept: consent had not been given.</p>;
  }
  if (ending === "rescheduled") {
    return (
      <p className="notice">
        Nothing about today is kept except the date, so the interview shows on the follow-up list. It is
        uploaded with everything else.
      </p>
    );
  }
  if (!record) return <p className="notice">Saving…</p>;
  const text = stateText(record);
  const kept =
    ending === "declined"
      ? "Only the “no” to consent is kept."
      : ending === "stopped"
        ? "The answers given before it stopped are kept, marked as stopped."
        : null;
  return (
    <div
      className={
        text.tone === "success"
          ? "notice notice--success"
          : text.tone === "error"
            ? "notice notice--error"
            : "notice notice--warning"
      }
    >
      <h2 ref={heading} tabIndex={-1}>
        {onServer
          ? "Saved on the server"
          : record.state === "refused"
            ? "Not accepted by the server"
            : "Saved on this tablet"}
      </h2>
      {kept && <p>{kept}</p>}
      <p>{text.detail}</p>
      {record.receipt?.outcome === "needs_review" && (
        <ul>
          {record.receipt.issues.map((issue) => (
            <li key={`${issue.question}:${issue.message}`}>
              {issue.question}: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
