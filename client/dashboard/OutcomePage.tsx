import { useEffect, useMemo, useState } from "react";
import type { OutcomePageResponse } from "../../shared/contract/index.ts";
import { outcomesApi } from "../../shared/contract/outcomes.routes.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { ApiError } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import type { Resource } from "../api/use-resource.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { FigureTable } from "./FigureTable.tsx";
import { formatCount, useReleasePrecision } from "./format.ts";
import { Glossary } from "./Glossary.tsx";
import { IndicatorSection, indicatorAnchors } from "./IndicatorSection.tsx";
import { LiveViewNotice } from "./LiveViewNotice.tsx";
import { OutcomeFilters } from "./OutcomeFilters.tsx";
import { OutcomeSummaryTable } from "./OutcomeSummaryTable.tsx";

/**
 * One outcome of the theory of change: filters, then each indicator's figures, then attrition. The
 * filters live in the address (`?area=…&wave=…`), so a filtered page can be bookmarked or shared.
 */
export function OutcomePage({ outcomeId }: { outcomeId: string }) {
  const announce = useAnnounce();
  const [query, setQuery] = useState(() => new URLSearchParams(window.location.search));
  const [page, setPage] = useState<Resource<OutcomePageResponse>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const search = query.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` stands for `query`; `attempt` reloads.
  useEffect(() => {
    let live = true;
    call(outcomesApi.page, { params: { outcomeId }, query: Object.fromEntries(query) }).then(
      (data) => {
        if (!live) return;
        setPage({ status: "ready", data });
        if (attempt > 0 || search) announce(`Figures updated for ${describeFilters(data)}.`);
      },
      (error: unknown) => live && setPage({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [outcomeId, search, attempt, announce]);

  const apply = (requested: URLSearchParams, keepView = true) => {
    const next = new URLSearchParams(requested);
    // The filters form knows nothing of the view: a filtered page stays exact or "as released".
    const view = query.get("view");
    if (keepView && view && !next.has("view")) next.set("view", view);
    const text = next.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${text ? `?${text}` : ""}`);
    setQuery(next);
    setAttempt((n) => n + 1);
  };

  const data = page.status === "ready" ? page.data : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/dashboard">Theory of change</Link>
      </p>
      <PageHeading>{data ? data.outcome.short : "Outcome"}</PageHeading>
      <LiveViewNotice
        view={query.get("view") === "released" ? "released" : "exact"}
        k={data?.view === "released" ? data.k : null}
        onChange={(view) => {
          const next = new URLSearchParams(query);
          if (view === "released") next.set("view", "released");
          else next.delete("view");
          apply(next, false);
        }}
      />
      {page.status === "loading" && <Loading what="the outcome's figures" />}
      {page.status === "error" && page.error instanceof ApiError && page.error.code === "invalid_query" && (
        <>
          <div className="alert alert--error" role="alert">
            <p className="alert__heading">These filters cannot be shown together</p>
            <p>
              For example, the “To” month may be before the “From” month, or change may be compared to an
              earlier wave. Clear the filters and choose them again.
            </p>
          </div>
          <button type="button" className="button" onClick={() => apply(new URLSearchParams())}>
            Clear the filters
          </button>
        </>
      )}
      {page.status === "error" &&
        !(page.error instanceof ApiError && page.error.code === "invalid_query") && (
          <>
            <ErrorAlert heading="The outcome's figures did not load" error={page.error} />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAttempt((n) => n + 1)}
            >
              Load them again
            </button>
          </>
        )}
      {data && <OutcomeBody data={data} query={query} onApply={apply} />}
    </>
  );
}

function OutcomeBody({
  data,
  query,
  onApply,
}: {
  data: OutcomePageResponse;
  query: URLSearchParams;
  onApply: (q: URLSearchParams) => void;
}) {
  const { outcome, k, notCounted } = data;
  useReleasePrecision(data.view);
  const details = useIndicatorDetails(data);
  return (
    <>
      <p className="lead">{outcome.text}</p>
      <p className="muted">
        {outcome.inTheoryOfChange
          ? `An outcome of the ${outcome.strand?.name ?? "cross-strand"} strand. Each question measures one outcome, so every indicator here belongs to this strand: its breakdown by strand is the figures below. The theory of change page compares the strands.`
          : "This tag is used in a survey but is not an outcome of the theory of change, so it belongs to no strand."}
      </p>
      <OutcomeFilters data={data} query={query} onApply={onApply} />
      <div className="notice" role="note" aria-label="What these figures count">
        <p>
          Figures count responses that were <strong>received</strong> or <strong>approved</strong>. Not
          counted: {formatCount(notCounted.needsReview)} waiting for review,{" "}
          {formatCount(notCounted.rejected)} rejected. Withdrawn participants' answers are deleted and never
          counted.
        </p>
        {data.view === "released" ? (
          <p>
            As it would be released: any figure about fewer than {k} people is shown as “fewer than {k}”, and
            other figures are hidden where they would give such a figure away. Counts and percentages are
            whole numbers; averages and their ranges have one decimal place.
          </p>
        ) : (
          <p>Every figure is exact: nothing is hidden or rounded.</p>
        )}
        {data.slice.active && data.slice.leftOut > 0 && (
          <p>
            With these filters, {formatCount(data.slice.leftOut)} area-waves are left out: filtering them
            would show a group of fewer than {k}.
          </p>
        )}
      </div>
      {data.indicators.length === 0 ? (
        <p>
          No survey question measures this outcome yet. That is itself a finding: this outcome is not
          measured.
        </p>
      ) : (
        <>
          <OutcomeSummaryTable data={data} onOpen={details.show} />
          <div className="indicator-list-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => (details.allOpen ? details.closeAll() : details.openAll())}
            >
              {details.allOpen ? "Hide the details of every question" : "Show the details of every question"}
            </button>
          </div>
          {data.indicators.map((i) => (
            <IndicatorSection
              key={i.key}
              indicator={i}
              data={data}
              open={details.open.has(i.key)}
              onToggle={() => details.toggle(i.key)}
            />
          ))}
        </>
      )}
      {data.attrition.length > 0 && (
        <section aria-labelledby="attrition-heading">
          <h2 id="attrition-heading">Attrition between waves</h2>
          <p>
            Interviews counted at each wave, and how many of them follow the same participant's baseline
            interview.
          </p>
          <FigureTable
            caption="Participants interviewed at each wave and retained since the baseline"
            header={["Survey and wave", "Interviewed", "Also at baseline", "Retained of baseline"]}
            numeric={[1, 2, 3]}
            filename={`${outcome.id}-attrition.csv`}
            rows={data.attrition.map((a) => ({
              key: `${a.surveyId}-${a.wave}`,
              cells: [
                `${a.surveyTitle}, ${waveLabel(a.wave).toLowerCase()}`,
                formatCount(a.participants),
                formatCount(a.retained),
                a.baseline > 0 ? `${Math.round((100 * a.retained) / a.baseline)}%` : "no baseline",
              ],
            }))}
          />
        </section>
      )}
      {data.indicators.length > 0 && <Glossary />}
    </>
  );
}

/**
 * Which indicators' details are open. An address fragment into an indicator (its heading, its change
 * section), on arrival or followed later, opens that indicator and scrolls to the place, so links to
 * a question's details keep working although details are built only on demand.
 */
function useIndicatorDetails(data: OutcomePageResponse) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const owner = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of data.indicators) for (const anchor of indicatorAnchors(d)) map.set(anchor, d.key);
    return map;
  }, [data.indicators]);
  useEffect(() => {
    const follow = () => {
      let anchor = window.location.hash.slice(1);
      try {
        anchor = decodeURIComponent(anchor);
      } catch {
        return;
      }
      const key = owner.get(anchor);
      if (!key) return;
      setOpen((was) => (was.has(key) ? was : new Set(was).add(key)));
      setScrollTo(anchor);
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [owner]);
  useEffect(() => {
    if (scrollTo === null) return;
    document.getElementById(scrollTo)?.scrollIntoView();
    setScrollTo(null);
  }, [scrollTo]);
  const keys = data.indicators.map((d) => d.key);
  return {
    open,
    allOpen: keys.length > 0 && keys.every((key) => open.has(key)),
    show: (key: string) => setOpen((was) => (was.has(key) ? was : new Set(was).add(key))),
    toggle: (key: string) =>
      setOpen((was) => {
        const next = new Set(was);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    openAll: () => setOpen(new Set(keys)),
    closeAll: () => setOpen(new Set()),
  };
}

function describeFilters(data: OutcomePageResponse): string {
  const { filters, options } = data;
  const parts = [
    filters.area ? (options.areas.find((a) => a.id === filters.area)?.name ?? filters.area) : "all areas",
    filters.wave !== undefined ? waveLabel(filters.wave).toLowerCase() : "all waves",
  ];
  if (filters.mode) parts.push(filters.mode.replace("_", " "));
  if (filters.version) parts.push(filters.version);
  if (filters.from || filters.to) parts.push(`${filters.from ?? "start"} to ${filters.to ?? "now"}`);
  return parts.join(", ");
}
