import { Link } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { ReleaseDocument, type ReleaseDocumentData } from "./ReleaseDocument.tsx";

/** A published release as a web page for its readers, with a button to print it or save it as a PDF. */
export function ReaderRelease({ release, signedIn }: { release: ReleaseDocumentData; signedIn: boolean }) {
  return (
    <div className="release-page">
      {signedIn && (
        <p className="no-print">
          <Link to="/releases">All releases</Link>
        </p>
      )}
      <PageHeading>{release.title}</PageHeading>
      <div className="actions no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      <ReleaseDocument release={release} />
    </div>
  );
}
