import { type FormEvent, useState } from "react";
import { MAX_RETENTION_MONTHS } from "../../shared/contract/index.ts";
import { issuesByField } from "../api/api-error.ts";
import { saveRetentionMonths } from "../api/retention.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { TextField } from "../ui/TextField.tsx";

export function RetentionSettingForm({ months, onSaved }: { months: number | null; onSaved: () => void }) {
  const announce = useAnnounce();
  const [value, setValue] = useState(months === null ? "" : String(months));
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const parsed = value === "" ? null : Number(value);
    if (parsed !== null && !(Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_RETENTION_MONTHS)) {
      setError(`Enter a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or leave it empty.`);
      focusFirstError(event.currentTarget);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await saveRetentionMonths({ months: parsed });
      announce(parsed === null ? "Retention period removed." : `Retention period set to ${parsed} months.`);
      onSaved();
    } catch (caught) {
      setFailure(caught);
      setError(issuesByField(caught).months);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="retention-setting-heading">
      <h2 id="retention-setting-heading">Retention period</h2>
      {failure !== null && <ErrorAlert heading="The period was not saved" error={failure} />}
      <TextField
        label="Months after a response arrives"
        hint="Leave empty to keep responses until you decide otherwise."
        inputMode="numeric"
        value={value}
        onChange={(event) => setValue(event.target.value.trim())}
        error={error}
        className="input input--short"
      />
      <button type="submit" className="button" disabled={busy}>
        Save period
      </button>
    </form>
  );
}
