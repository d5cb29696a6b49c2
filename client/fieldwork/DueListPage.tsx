import { useMemo } from "react";
import type { DueListResponse, Me } from "../../shared/contract/index.ts";
import { type DueEntry, summariseDue } from "../../shared/follow-ups/due-waves.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { fetchDueList } from "../api/followups.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { draftsOf } from "../offline/drafts.ts";
import { outboxOf } from "../offline/outbox.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, formatDay, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { fieldworkPath, withCode } from "./paths.ts";

/**
 * Who is due a follow-up in the researcher's area: overdue, due now, coming up, worked out against
 * this tablet's clock from the last copy of the list (which works offline). Interviews done on this
 * tablet and not yet uploaded are marked, so nobody is approached twice.
 */
export function DueListPage({ me }: { me: Me }) {
  const [due, reload] = useResource(fetchDueList);
  const [surveys] = useResource(listPublishedSurveys);
  const drafts = useLiveQuery(draftsOf(me.id), me.id) ?? [];
  const outbox = useLiveQuery(outboxOf(me.id), me.id) ?? [];

  const onTablet = useMemo(() => {
    const keys = new Map<string, string>();
    for (const draft of drafts)
      keys.set(
        keyOf(draft.setup.participantCode, draft.survey.id, draft.setup.wave),
        "In progress on this tablet",
      );
    for (const record of outbox) {
      if (record.kind === "interview" && record.state === "waiting") {
        keys.set(
          keyOf(record.item.participantCode, record.item.surveyId, record.item.wave),
          "Done, waiting to upload",
        );
      }
    }
    return keys;
  }, [drafts, outbox]);

  const titles = new Map(surveys.status === "ready" ? surveys.data.map((s) => [s.id, s.title]) : []);
  return (
    <>
      <PageHeading>Follow-ups due</PageHeading>
      {due.status === "loading" && <Loading what="the follow-ups" />}
      {due.status === "error" && (
        <>
          <ErrorAlert heading="The follow-up list is not on this tablet yet" error={due.error} />
          <p>Open this page once with a connection and the tablet keeps a copy for offline use.</p>
          <button type="button" className="button button--secondary" onClick={reload}>
            Try again
          </button>
        </>
      )}
      {due.status === "ready" && <DueSections list={due.data} me={me} titles={titles} onTablet={onTablet} />}
      <p>
        <Link to={fieldworkPath.home} className="button button--secondary">
          Back to fieldwork
        </Link>
      </p>
    </>
  );
}

function DueSections({
  list,
  me,
  titles,
  onTablet,
}: {
  list: DueListResponse;
  me: Me;
  titles: Map<string, string>;
  onTablet: Map<string, string>;
}) {
  const summary = summariseDue(list.participants, new Date());
  const sections: [string, string, DueEntry[]][] = [
    ["overdue", "Overdue", summary.overdue],
    ["due", "Due now", summary.due],
    ["upcoming", "Coming up in the next 30 days", summary.upcoming],
  ];
  return (
    <>
      <p className="muted">
        List as of {formatDateTime(list.generatedAt)}. {plural(summary.done, "follow-up")} already done in
        your area.
      </p>
      {sections.map(([key, heading, entries]) => (
        <section key={key} aria-labelledby={`due-${key}`}>
          <h2 id={`due-${key}`}>
            {heading} ({entries.length})
          </h2>
          {entries.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="outbox__list">
              {entries.map((entry) => {
                const { participant, wave } = entry;
                const local = onTablet.get(
                  keyOf(participant.participantCode, participant.surveyId, wave.wave),
                );
                return (
                  <li key={`${participant.participantCode}:${participant.surveyId}`} className="outbox__item">
                    <p>
                      <span className="code">{participant.participantCode}</span>,{" "}
                      {titles.get(participant.surveyId) ?? participant.surveyId}, {waveLabel(wave.wave)}
                    </p>
                    <p>
                      Window {formatDay(wave.opensAt)} to {formatDay(wave.closesAt)} (due{" "}
                      {formatDay(wave.dueAt)}){wave.assignedToId === me.id ? ". Assigned to you" : ""}
                      {wave.assignedDueOn ? `, by ${formatDay(wave.assignedDueOn)}` : ""}
                      {wave.lastRescheduledAt ? `. Rescheduled ${formatDay(wave.lastRescheduledAt)}` : ""}.
                    </p>
                    {local ? (
                      <p>
                        <span className="badge badge--neutral">{local}</span>
                      </p>
                    ) : (
                      <Link
                        to={fieldworkPath.start(participant.surveyId)}
                        state={withCode(participant.participantCode)}
                        className="button button--secondary"
                      >
                        Start {waveLabel(wave.wave).toLowerCase()} with {participant.participantCode}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function keyOf(code: string, surveyId: string, wave: number): string {
  return `${code}|${surveyId}|${wave}`;
}
