import { useCallback, useEffect, useState } from "react";
import type { AttentionItem } from "../../shared/contract/index.ts";
import { listNeedingAttention } from "../api/review.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural, waveLabel } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import "./review.css";

type Page =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; items: AttentionItem[]; total: number; next: string | null };

/**
 * For coordinators (docs/decisions/0024-who-sees-what.md): the interviews in their area that the
 * research team's analysts need to check, and which questions, so the coordinator can follow up with
 * the peer researcher. The answers themselves stay with the analysts: coordinators may know the people.
 */
export default function NeedsAttentionPage() {
  const announce = useAnnounce();
  const [page, setPage] = useState<Page>({ status: "loading" });
  const [more, setMore] = useState(false);

  const load = useCallback(async (cursor?: string) => {
    const result = await listNeedingAttention(cursor);
    setPage((prev) => ({
      status: "ready",
      items: cursor && prev.status === "ready" ? [...prev.items, ...result.items] : result.items,
      total: result.total,
      next: result.nextCursor,
    }));
    return result;
  }, []);

  useEffect(() => {
    load().catch((error: unknown) => setPage({ status: "error", error }));
  }, [load]);

  const showMore = async () => {
    if (page.status !== "ready" || !page.next) return;
    setMore(true);
    try {
      const result = await load(page.next);
      announce(`${plural(result.items.length, "more interview")} shown.`);
    } catch (error) {
      setPage({ status: "error", error });
    } finally {
      setMore(false);
    }
  };

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
          {page.items.length === 0 ? (
            <p>Nothing needs attention at the moment.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">
                  Interviews waiting to be checked, oldest first. Showing {page.items.length} of {page.total}.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Survey</th>
                    <th scope="col">Wave</th>
                    <th scope="col">Area</th>
                    <th scope="col">Interview finished</th>
                    <th scope="col">Questions to check</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row" className="code">
                        {item.participantCode}
                      </th>
                      <td>{item.surveyTitle}</td>
                      <td>{waveLabel(item.wave)}</td>
                      <td>{item.areaName}</td>
                      <td>{formatDateTime(item.completedAt)}</td>
                      <td>
                        {item.questions.length === 0 && !item.conflictingCopies && "The whole interview"}
                        {item.questions.length > 0 && (
                          <ul className="attention-questions">
                            {item.questions.map((q) => (
                              <li key={q.name}>{q.title}</li>
                            ))}
                          </ul>
                        )}
                        {item.conflictingCopies && <p>Sent twice with different answers.</p>}
                      </td>
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
