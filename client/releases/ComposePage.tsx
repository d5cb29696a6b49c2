import { useCallback } from "react";
import type { ComposeReleaseRequest, ReleaseView } from "../../shared/contract/releases.ts";
import { fetchOutcomeMap } from "../api/outcomes.ts";
import { composeRelease, fetchRelease, updateRelease } from "../api/releases.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { Link, navigate } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { ComposeForm, emptyComposition } from "./ComposeForm.tsx";

/**
 * Composing a release: new (`/releases/new`), a correction of a published one
 * (`/releases/new?corrects=<id>`, starting from its composition), or changing a draft
 * (`/releases/<id>/edit`; a checked release goes back to draft and its sign-offs are dropped).
 */
export function ComposePage({ editId, correctsId }: { editId: string | null; correctsId: string | null }) {
  const from = editId ?? correctsId;
  const load = useCallback(async () => {
    const [surveys, map, source] = await Promise.all([
      listPublishedSurveys(),
      fetchOutcomeMap(),
      from ? fetchRelease(from) : Promise.resolve(null),
    ]);
    return { surveys, map, source };
  }, [from]);
  const [resource] = useResource(load);
  const announce = useAnnounce();
  const heading = editId ? "Change a release" : correctsId ? "Correct a release" : "Compose a release";

  if (resource.status === "loading") return <Loading what="the release form" />;
  if (resource.status === "error")
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <ErrorAlert error={resource.error} heading="The form could not be opened" />
      </>
    );
  const { surveys, map, source } = resource.data;
  const initial: ComposeReleaseRequest = source
    ? correctsId
      ? { ...source.composition, title: `${source.title} (corrected)`, corrects: source.id }
      : source.composition
    : emptyComposition(surveys[0]?.id ?? "");

  const save = async (body: ComposeReleaseRequest) => {
    const saved: ReleaseView = editId ? await updateRelease(editId, body) : await composeRelease(body);
    announce(editId ? "Release changed." : "Release saved as a draft.");
    navigate(`/releases/${encodeURIComponent(saved.id)}`);
  };

  return (
    <div className="narrow release-page">
      <p>
        <Link to={editId ? `/releases/${encodeURIComponent(editId)}` : "/releases"}>Back</Link>
      </p>
      <PageHeading>{heading}</PageHeading>
      {correctsId && source && (
        <p>
          This starts a new release that corrects “{source.title}”. The published one stays as it was, marked
          as corrected once this one is published.
        </p>
      )}
      {editId && source?.status === "checked" && (
        <p className="notice notice--warning">
          Changing it means the checks run again and it needs to be signed off again.
        </p>
      )}
      <ComposeForm
        initial={initial}
        surveys={surveys}
        map={map}
        submitLabel={editId ? "Save changes" : "Save as a draft"}
        onSubmit={save}
      />
    </div>
  );
}
