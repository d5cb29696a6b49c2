import { useState } from "react";
import { RELEASE_LIMITS, type ReleaseSignerRole } from "../../shared/contract/releases.ts";
import { signOffRelease } from "../api/releases.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { NamedInPublicField } from "./NamedInPublicField.tsx";

/**
 * A sign-off names the exact checked figures the signer read (`snapshotId`): if the release is
 * checked again in the meantime the server refuses it, and the signer reads the new figures.
 */
export function SignOffForm({
  releaseId,
  snapshotId,
  as,
  publicLink,
  onDone,
}: {
  releaseId: string;
  snapshotId: string;
  as: ReleaseSignerRole;
  /** The release is to be shared by a public link: the signer chooses whether it names them. */
  publicLink: boolean;
  onDone: () => void;
}) {
  const [note, setNote] = useState("");
  const [namedInPublic, setNamedInPublic] = useState(false);
  const announce = useAnnounce();
  const form = useSubmit({
    run: async () => {
      await signOffRelease(releaseId, {
        snapshotId,
        note: note.trim(),
        namedInPublic: publicLink && namedInPublic,
      });
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
      {publicLink && (
        <NamedInPublicField what="sign-off" as={as} checked={namedInPublic} onChange={setNamedInPublic} />
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {as === "expert" ? "I have read it: sign off" : "Sign off as the evaluator"}
        </button>
      </div>
    </Form>
  );
}
