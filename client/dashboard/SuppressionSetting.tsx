import { type FormEvent, useEffect, useState } from "react";
import { MAX_SUPPRESSION_K, MIN_SUPPRESSION_K } from "../../shared/contract/index.ts";
import { settingsApi } from "../../shared/contract/settings.routes.ts";
import { issuesByField } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { TextField } from "../ui/TextField.tsx";

/** For administrators: the smallest number of people a published figure may be about. */
export function SuppressionSetting({ onSaved }: { onSaved: () => void }) {
  const announce = useAnnounce();
  const [value, setValue] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call(settingsApi.suppression).then(
      (s) => setValue(String(s.k)),
      (e: unknown) => setError(e),
    );
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await call(settingsApi.setSuppression, { body: { k: Number(value) } });
      setValue(String(saved.k));
      announce(`Figures about fewer than ${saved.k} people are now hidden.`);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="k-heading" className="panel">
      <h2 id="k-heading">Small-number threshold</h2>
      {error !== null && <ErrorAlert heading="The threshold was not saved" error={error} />}
      <form onSubmit={submit} noValidate>
        <TextField
          label="Hide any figure about fewer than this many people"
          hint={`A whole number from ${MIN_SUPPRESSION_K} to ${MAX_SUPPRESSION_K}. Applies to every dashboard at once.`}
          inputMode="numeric"
          className="input input--short"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={issuesByField(error).k}
        />
        <button type="submit" className="button" disabled={busy}>
          Save threshold
        </button>
      </form>
    </section>
  );
}
