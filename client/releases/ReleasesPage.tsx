import { useCallback } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { isReleaseAnalyst } from "../../shared/contract/releases.ts";
import { ApiError } from "../api/api-error.ts";
import { fetchRelease, listReleases } from "../api/releases.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { NotForYourRolePage } from "../routing/NotForYourRolePage.tsx";
import { NotFoundPage } from "../routing/NotFoundPage.tsx";
import { usePathname } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AnalystRelease } from "./AnalystRelease.tsx";
import { ComposePage } from "./ComposePage.tsx";
import { ExpertRelease } from "./ExpertRelease.tsx";
import { ReaderRelease } from "./ReaderRelease.tsx";
import { ReleaseList } from "./ReleaseList.tsx";
import { viewAsDocument } from "./view-as-document.ts";
import "../dashboard/dashboard.css";
import "./releases.css";

/**
 * `/releases` (the list), `/releases/new` (compose; `?corrects=<id>` for a correction),
 * `/releases/<id>` (the release: the analyst's workspace, an expert's reading and sign-off before
 * publishing, or the published page for its readers) and `/releases/<id>/edit`.
 */
export default function ReleasesPage() {
  const path = usePathname();
  const me = useMe();
  if (path === "/releases" || path === "/releases/") return <ListPage me={me} />;
  if (path === "/releases/new") {
    if (!isReleaseAnalyst(me)) return <NotForYourRolePage />;
    const corrects = new URLSearchParams(window.location.search).get("corrects");
    return <ComposePage key={`new:${corrects}`} editId={null} correctsId={corrects} />;
  }
  const edit = /^\/releases\/([^/]+)\/edit\/?$/.exec(path);
  if (edit?.[1]) {
    if (!isReleaseAnalyst(me)) return <NotForYourRolePage />;
    return <ComposePage key={`edit:${edit[1]}`} editId={decodeURIComponent(edit[1])} correctsId={null} />;
  }
  const one = /^\/releases\/([^/]+)\/?$/.exec(path);
  if (one?.[1]) return <ReleaseRoute key={one[1]} id={decodeURIComponent(one[1])} me={me} />;
  return <NotFoundPage />;
}

function ListPage({ me }: { me: Me }) {
  const [resource] = useResource(listReleases);
  const analyst = isReleaseAnalyst(me);
  return (
    <div className="release-page">
      <PageHeading>Releases</PageHeading>
      <p className="lead">
        {analyst
          ? "A release is a set of checked figures that people outside the research team can read. Each one is checked so no one can be picked out, signed off by an evaluator and an expert by experience, then published. It never changes once published."
          : "Figures from the research, checked so no one can be picked out and agreed by an expert by experience before they were published."}
      </p>
      {resource.status === "loading" && <Loading what="releases" />}
      {resource.status === "error" && (
        <ErrorAlert error={resource.error} heading="Releases could not be loaded" />
      )}
      {resource.status === "ready" && <ReleaseList data={resource.data} role={me.role} analyst={analyst} />}
    </div>
  );
}

function ReleaseRoute({ id, me }: { id: string; me: Me }) {
  const load = useCallback(() => fetchRelease(id), [id]);
  const [resource, reload] = useResource(load);
  if (resource.status === "loading") return <Loading what="the release" />;
  if (resource.status === "error") {
    if (resource.error instanceof ApiError && resource.error.problem.status === 404) {
      return (
        <>
          <PageHeading>Release not found</PageHeading>
          <p>There is no release here that you can read. It may not be published yet, or not for you.</p>
        </>
      );
    }
    return (
      <>
        <PageHeading>The release could not be opened</PageHeading>
        <ErrorAlert error={resource.error} />
      </>
    );
  }
  const release = resource.data;
  if (isReleaseAnalyst(me)) return <AnalystRelease release={release} reload={reload} />;
  if (me.role === "expert" && release.status !== "published")
    return <ExpertRelease release={release} reload={reload} />;
  if (release.status !== "published" || !release.snapshot)
    return (
      <>
        <PageHeading>Release not found</PageHeading>
        <p>There is no release here that you can read. It may not be published yet, or not for you.</p>
      </>
    );
  return <ReaderRelease release={viewAsDocument(release, release.snapshot)} signedIn />;
}
