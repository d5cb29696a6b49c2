import type { Role } from "../../shared/contract/index.ts";
import type { ReleaseSummaryItem, ReleasesResponse } from "../../shared/contract/releases.ts";
import { releaseAudienceLabels } from "../../shared/contract/releases.ts";
import { Link } from "../routing/router.tsx";
import { dateText, statusLabels } from "./format.ts";

/**
 * The releases a person can see. Analysts see every release with its state and who may read it;
 * experts see those waiting for their sign-off first; everyone else sees what has been published for
 * them.
 */
export function ReleaseList({
  data,
  role,
  analyst,
}: {
  data: ReleasesResponse;
  role: Role;
  /** Works on releases as an analyst (`isReleaseAnalyst`). */
  analyst: boolean;
}) {
  const waiting = data.releases.filter((r) => r.status === "checked");
  const drafts = data.releases.filter((r) => r.status === "draft");
  const published = data.releases.filter((r) => r.status === "published");
  return (
    <>
      {analyst && (
        <div className="actions">
          <Link className="button" to="/releases/new">
            Compose a new release
          </Link>
        </div>
      )}
      {role === "expert" && waiting.length > 0 && (
        <Group
          id="waiting"
          title="Waiting for an expert to read and sign off"
          items={waiting}
          analyst={false}
        />
      )}
      {analyst && (
        <>
          <Group id="drafts" title="Drafts" items={drafts} analyst empty="No drafts." />
          <Group id="checked" title="Checked, not yet published" items={waiting} analyst empty="None." />
        </>
      )}
      <Group
        id="published"
        title="Published"
        items={published}
        analyst={analyst}
        empty="Nothing has been published for you yet."
      />
    </>
  );
}

function Group({
  id,
  title,
  items,
  analyst,
  empty,
}: {
  id: string;
  title: string;
  items: ReleaseSummaryItem[];
  analyst: boolean;
  empty?: string;
}) {
  return (
    <section aria-labelledby={`releases-${id}`} className="release-section">
      <h2 id={`releases-${id}`}>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="release-list">
          {items.map((r) => (
            <li key={r.id} className="release-list__item">
              <Link to={`/releases/${encodeURIComponent(r.id)}`} className="release-list__link">
                {r.title}
              </Link>
              <p className="muted">
                {r.surveyTitle}
                {r.publishedAt
                  ? ` · published ${dateText(r.publishedAt)}`
                  : ` · started ${dateText(r.createdAt)} by ${r.createdBy.name}`}
                {analyst && ` · ${statusLabels[r.status]}`}
              </p>
              {analyst && (
                <p className="muted">For: {r.audiences.map((a) => releaseAudienceLabels[a]).join("; ")}</p>
              )}
              {r.corrects && <p>Corrects “{r.corrects.title}”.</p>}
              {r.correctedBy && (
                <p className="release-list__corrected">Corrected by “{r.correctedBy.title}”.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
