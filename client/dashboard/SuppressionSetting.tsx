import { type FormEvent, useEffect, useState } from "react";
import { MAX_SUPPRESSION_K, MIN_SUPPRESSION_K } from "../../shared/contract/index.ts";
import { settingsApi } from "../../shared/contract/settings.routes.ts";
import { issuesByField } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { TextField } from "../ui/TextField.tsx";

/**
 * For administrators: the smallest number of people a released figure may be about. The live pages
 * stay exact for the research team (docs/decisions/0024); k applies to releases checked from now on
 * and to the "as it would be released" view, and the words say so rather than "every dashboard".
 */
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
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const k = Number(value.trim());
    const wrong =
      value.trim() === "" || !Number.isInteger(k) || k < MIN_SUPPRESSION_K || k > MAX_SUPPRESSION_K
        ? `Enter a whole number from ${MIN_SUPPRESSION_K} to ${MAX_SUPPRESSION_K}.`
        : undefined;
    setProblem(wrong);
    if (wrong) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call(settingsApi.setSuppression, { body: { k } });
      setValue(String(saved.k));
      announce(
        `Saved. Releases checked from now on, and the view as it would be released, hide any figure about fewer than ${saved.k} people.`,
      );
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
          label="Smallest group a released figure may be about"
          hint={`A whole number from ${MIN_SUPPRESSION_K} to ${MAX_SUPPRESSION_K}. Releases checked from now on, and “Show as it would be released” on these pages, hide any figure about fewer people. The live figures you see here stay exact; releases already published do not change.`}
          inputMode="numeric"
          className="input input--short"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={problem ?? issuesByField(error).k}
        />
        <button type="submit" className="button" disabled={busy}>
          Save threshold
        </button>
      </form>
    </section>
  );
}
