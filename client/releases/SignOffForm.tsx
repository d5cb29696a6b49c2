import { useState } from "react";
import { RELEASE_LIMITS, type ReleaseSignerRole } from "../../shared/contract/releases.ts";
import { signOffRelease } from "../api/releases.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

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
  const announce = useAnnounce();
  const form = useSubmit({
    run: async () => {
      await signOffRelease(releaseId, { snapshotId, note: note.trim() });
      announce("Signed off.");
      onDone();
    },
  });
  return (
    <Form
      submit={form}
      className="panel"
      failureHeading="Not signed off"
      heading={
        <>
          <h2>Sign off</h2>
          <p>
            {as === "expert"
              ? "Sign off when you have read the whole release and agree it can be published. An evaluator signs off too."
              : "Sign off when you have read the figures and the checks. An expert by experience signs off too."}
          </p>
        </>
      }
    >
      <TextAreaField
        label="A note with your sign-off (optional)"
        value={note}
        maxLength={RELEASE_LIMITS.signOffNote}
        rows={3}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {as === "expert" ? "I have read it: sign off" : "Sign off as the evaluator"}
        </button>
      </div>
    </Form>
  );
}
