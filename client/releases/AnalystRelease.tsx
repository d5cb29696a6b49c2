import { useState } from "react";
import type { ReleaseView } from "../../shared/contract/releases.ts";
import { releaseAudienceLabels } from "../../shared/contract/releases.ts";
import { checkRelease, publishRelease } from "../api/releases.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { Checklist } from "./Checklist.tsx";
import { dateText, statusLabels } from "./format.ts";
import { ReleaseDocument } from "./ReleaseDocument.tsx";
import { SignOffForm } from "./SignOffForm.tsx";
import { viewAsDocument } from "./view-as-document.ts";

/**
 * The analyst's release: where it stands and what is left to do, the actions in order (change,
 * check, sign off, publish; or start a correction once published), the checklist, and the release as
 * its readers will see it.
 */
export function AnalystRelease({ release, reload }: { release: ReleaseView; reload: () => void }) {
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();
  const published = release.status === "published";
  const snapshot = release.snapshot;
  const analystSigned = release.signOffs.some((s) => s.as === "analyst");

  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await what();
      announce(done);
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="release-page">
      <p>
        <Link to="/releases">All releases</Link>
      </p>
      <PageHeading>{release.title}</PageHeading>
      <p className={`release-status release-status--${release.status}`}>{statusLabels[release.status]}</p>
      <p>
        Readers once published:{" "}
        {release.composition.audiences.map((a) => releaseAudienceLabels[a]).join("; ")}.
      </p>
      {failure !== null && <ErrorAlert error={failure} />}
      {!published && release.blockers.length > 0 && (
        <div className="notice notice--warning">
          <h2>Before it can be published</h2>
          <ul>
            {release.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      {release.publicLink && (
        <div className="notice notice--success">
          <h2>Public link</h2>
          <p>Anyone with this link can read the release without signing in:</p>
          <p className="release-link">{new URL(release.publicLink.path, window.location.origin).href}</p>
        </div>
      )}
      <div className="actions">
        {!published && (
          <>
            <Link
              className="button button--secondary"
              to={`/releases/${encodeURIComponent(release.id)}/edit`}
            >
              Change what it holds
            </Link>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => act(() => checkRelease(release.id), "The checks have run.")}
            >
              {snapshot ? "Run the checks again" : "Run the checks"}
            </button>
          </>
        )}
        {!published && snapshot && release.blockers.length === 0 && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => act(() => publishRelease(release.id, { snapshotId: snapshot.id }), "Published.")}
          >
            Publish
          </button>
        )}
        {published && (
          <Link className="button" to={`/releases/new?corrects=${encodeURIComponent(release.id)}`}>
            Correct it: start a new release from this one
          </Link>
        )}
      </div>
      {published && release.publishedAt && (
        <p>
          Published on {dateText(release.publishedAt)}
          {release.publishedBy ? ` by ${release.publishedBy.name}` : ""}. A published release never changes: a
          correction is a new release.
        </p>
      )}
      {!snapshot && <p>Run the checks to see the figures and what the rules withhold.</p>}
      {snapshot && !published && !analystSigned && (
        <SignOffForm
          releaseId={release.id}
          snapshotId={snapshot.id}
          as="analyst"
          publicLink={release.composition.audiences.includes("public")}
          onDone={reload}
        />
      )}
      {snapshot && <Checklist snapshot={snapshot} />}
      {snapshot && (
        <section aria-labelledby="preview-heading" className="release-preview">
          <h2 id="preview-heading">
            {published ? "The release as readers see it" : "Preview: the release as readers will see it"}
          </h2>
          <ReleaseDocument release={viewAsDocument(release, snapshot)} />
        </section>
      )}
    </div>
  );
}
