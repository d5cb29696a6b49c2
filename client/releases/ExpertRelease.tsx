import { type FormEvent, useState } from "react";
import type { ReleaseTable, ReleaseView } from "../../shared/contract/releases.ts";
import { RELEASE_LIMITS } from "../../shared/contract/releases.ts";
import { annotateRelease, saveParticipantSummary } from "../api/releases.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { NamedInPublicField } from "./NamedInPublicField.tsx";
import { ReleaseDocument } from "./ReleaseDocument.tsx";
import { SignOffForm } from "./SignOffForm.tsx";
import { viewAsDocument } from "./view-as-document.ts";

/**
 * An expert by experience with a checked release: read it, say under any chart what it means and what
 * should change (published with their name to people signed in, and on the public link only if they
 * choose), make the plain-words summary right, then sign off.
 */
export function ExpertRelease({ release, reload }: { release: ReleaseView; reload: () => void }) {
  const snapshot = release.snapshot;
  const expertSigned = release.signOffs.some((s) => s.as === "expert");
  const publicLink = release.composition.audiences.includes("public");
  return (
    <div className="release-page">
      <p>
        <Link to="/releases">All releases</Link>
      </p>
      <PageHeading>{release.title}</PageHeading>
      {!snapshot ? (
        <p>The figures have not been checked yet. Come back when an evaluator has run the checks.</p>
      ) : (
        <>
          <div className="notice">
            <h2>Before this is published</h2>
            <ol>
              <li>Read the whole release below.</li>
              <li>
                Under any chart, say what it means and what should change. Your name is shown with your note
                to people signed in to Alongside{publicLink ? "; on the public link only if you choose" : ""}.
              </li>
              <li>Check the summary in plain words for participants, and change it if it needs it.</li>
              <li>Sign off at the end. An evaluator signs off too, then it can be published.</li>
            </ol>
          </div>
          <ReleaseDocument
            release={viewAsDocument(release, snapshot)}
            figureExtra={(table) => (
              <NoteForm releaseId={release.id} table={table} publicLink={publicLink} onDone={reload} />
            )}
          />
          <SummaryEditor release={release} onDone={reload} />
          {expertSigned ? (
            <p className="notice notice--success">An expert by experience has signed off these figures.</p>
          ) : (
            <SignOffForm
              releaseId={release.id}
              snapshotId={snapshot.id}
              as="expert"
              publicLink={publicLink}
              onDone={reload}
            />
          )}
        </>
      )}
    </div>
  );
}

function NoteForm({
  releaseId,
  table,
  publicLink,
  onDone,
}: {
  releaseId: string;
  table: ReleaseTable;
  /** The release is to be shared by a public link: the expert chooses whether it names them. */
  publicLink: boolean;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [namedInPublic, setNamedInPublic] = useState(false);
  const [whatItMeans, setWhatItMeans] = useState("");
  const [whatShouldChange, setWhatShouldChange] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const announce = useAnnounce();
  if (!open) {
    return (
      <button
        type="button"
        className="button button--secondary release-note-add"
        onClick={() => setOpen(true)}
      >
        Add your note<span className="visually-hidden"> on {table.title}</span>
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!whatItMeans.trim() && !whatShouldChange.trim()) {
      setError("Write what this means, what should change, or both.");
      return;
    }
    setError(undefined);
    setFailure(null);
    try {
      await annotateRelease(releaseId, {
        tableId: table.id,
        whatItMeans: whatItMeans.trim(),
        whatShouldChange: whatShouldChange.trim(),
        namedInPublic: publicLink && namedInPublic,
      });
      announce("Your note is saved.");
      setOpen(false);
      onDone();
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <form
      className="panel release-note-form"
      onSubmit={submit}
      noValidate
      aria-label={`Your note on ${table.title}`}
    >
      {failure !== null && <ErrorAlert error={failure} heading="Your note was not saved" />}
      <TextAreaField
        label="What this means"
        value={whatItMeans}
        maxLength={RELEASE_LIMITS.annotationText}
        rows={3}
        error={error}
        onChange={(e) => setWhatItMeans(e.target.value)}
      />
      <TextAreaField
        label="What should change"
        value={whatShouldChange}
        maxLength={RELEASE_LIMITS.annotationText}
        rows={3}
        onChange={(e) => setWhatShouldChange(e.target.value)}
      />
      {publicLink && (
        <NamedInPublicField what="note" as="expert" checked={namedInPublic} onChange={setNamedInPublic} />
      )}
      <div className="actions">
        <button type="submit" className="button">
          Save note
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SummaryEditor({ release, onDone }: { release: ReleaseView; onDone: () => void }) {
  const summary = release.participantSummary;
  const [text, setText] = useState(summary?.text ?? "");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();
  if (!summary) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const saved = await saveParticipantSummary(release.id, { text });
      announce(`Summary saved. ${saved.readingEaseLabel}.`);
      onDone();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>The summary for participants</h2>
      <p>
        {summary.editedBy
          ? `Last changed by ${summary.editedBy.name}.`
          : "Written by the app from the figures. Change anything that is unclear or wrong."}{" "}
        How easy it is to read: <strong>{summary.readingEaseLabel}</strong> (score{" "}
        {Math.round(summary.readingEase)} out of 100; higher is easier, 60 or more suits most people).
      </p>
      {failure !== null && <ErrorAlert error={failure} heading="The summary was not saved" />}
      <TextAreaField
        label="The summary, in plain words"
        value={text}
        maxLength={RELEASE_LIMITS.participantSummary}
        rows={10}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy || text.trim() === ""}>
          Save the summary
        </button>
      </div>
    </form>
  );
}
