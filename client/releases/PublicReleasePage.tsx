import { useCallback } from "react";
import { ApiError } from "../api/api-error.ts";
import { fetchPublicRelease } from "../api/releases.ts";
import { useResource } from "../api/use-resource.ts";
import { usePathname } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { ReaderRelease } from "./ReaderRelease.tsx";
import "../dashboard/dashboard.css";
import "./releases.css";

/**
 * `/r/<link>`: a release published with a public link, readable without signing in. The link is the
 * only key; an unknown or withdrawn one says so plainly.
 */
export default function PublicReleasePage() {
  const path = usePathname();
  const token = decodeURIComponent(/^\/r\/([^/]+)\/?$/.exec(path)?.[1] ?? "");
  const load = useCallback(() => fetchPublicRelease(token), [token]);
  const [resource] = useResource(load);
  if (resource.status === "loading") return <Loading what="the release" />;
  if (resource.status === "error") {
    if (resource.error instanceof ApiError && resource.error.problem.status === 404) {
      return (
        <>
          <PageHeading>Release not found</PageHeading>
          <p>
            There is no published release at this link. Check the link with the person who gave it to you.
          </p>
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
  return <ReaderRelease release={resource.data} signedIn={false} />;
}
