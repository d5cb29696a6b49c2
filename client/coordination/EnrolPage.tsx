import { useEffect, useState } from "react";
import { DEVICE_TOKEN_KEY, type EnrolledDevice } from "../../shared/contract/index.ts";
import { enrolDevice } from "../api/coordination.ts";
import { useMe } from "../auth/session.tsx";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

function codeFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get("code") ?? "";
}

/**
 * `/enrol#code=…`, opened on the tablet from the QR code on the coordinator's screen (or typed). The
 * code is traded for a device token kept in localStorage; fieldwork sends it with every upload. The
 * code is in the fragment so it never reaches a server log, and is cleared from the address bar.
 */
export default function EnrolPage() {
  const me = useMe();
  const announce = useAnnounce();
  const [code, setCode] = useState(codeFromHash);
  const [enrolled, setEnrolled] = useState<EnrolledDevice | null>(null);
  const [storageRefused, setStorageRefused] = useState(false);

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  const form = useSubmit<{ code?: string }>({
    check: () => (code.trim() === "" ? { code: "Enter the code shown on your coordinator's screen." } : {}),
    run: async () => {
      const result = await enrolDevice(code.trim());
      try {
        window.localStorage.setItem(DEVICE_TOKEN_KEY, result.token);
      } catch {
        setStorageRefused(true);
        return;
      }
      setEnrolled(result);
      announce(`This tablet is enrolled as ${result.device.label}.`);
    },
    fieldErrors: () => ({}),
  });
  const { failure, busy } = form;

  if (enrolled) {
    return (
      <div className="narrow">
        <PageHeading>Tablet enrolled</PageHeading>
        <div className="notice notice--success">
          <p>
            This tablet is now “{enrolled.device.label}”, for {enrolled.device.userName}. Interviews it
            uploads are recorded as coming from it.
          </p>
        </div>
        <p>
          <Link to="/fieldwork" className="button button--secondary">
            Go to fieldwork
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageHeading>Enrol this tablet</PageHeading>
      <p>
        You are signed in as {me.displayName}. Enrol the tablet only if it is the one your coordinator is
        setting up for you.
      </p>
      {failure !== null && <ErrorAlert heading="The tablet was not enrolled" error={failure} />}
      {storageRefused && (
        <div className="alert alert--error" role="alert">
          <p className="alert__heading">This browser would not keep the enrolment</p>
          <p>Check that it is not in private browsing, then ask your coordinator for a new code.</p>
        </div>
      )}
      <form onSubmit={form.onSubmit} noValidate>
        <TextField
          label="Enrolment code"
          hint="Ten letters and digits, like ABCDE-FGHJK. Filled in for you when you scan the QR code."
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={form.errors.code}
        />
        <button type="submit" className="button button--large" disabled={busy}>
          Enrol this tablet
        </button>
      </form>
    </div>
  );
}
