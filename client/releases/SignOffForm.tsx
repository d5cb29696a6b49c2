import { type FormEvent, useState } from "react";
import { RELEASE_LIMITS, type ReleaseSignerRole } from "../../shared/contract/releases.ts";
import { signOffRelease } from "../api/releases.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";

/**
 * A sign-off names the exact checked figures the signer read (`snapshotId`): if the release is
 * checked again in the meantime the server refuses it, and the signer reads the new figures.
 */
export function SignOffForm({
  releaseId,
  snapshotId,
  as,
  onDone,
}: {
  releaseId: string;
  snapshotId: string;
  as: ReleaseSignerRole;
  onDone: () => void;
}) {
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await signOffRelease(releaseId, { snapshotId, note: note.trim() });
      announce("Signed off.");
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>Sign off</h2>
      <p>
        {as === "expert"
          ? "Sign off when you have read the whole release and agree it can be published. An evaluator signs off too."
          : "Sign off when you have read the figures and the checks. An expert by experience signs off too."}
      </p>
      {failure !== null && <ErrorAlert error={failure} heading="Not signed off" />}
      <TextAreaField
        label="A note with your sign-off (optional)"
        value={note}
        maxLength={RELEASE_LIMITS.signOffNote}
        rows={3}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {as === "expert" ? "I have read it: sign off" : "Sign off as the evaluator"}
        </button>
      </div>
    </form>
  );
}
