import { useState } from "react";
import { MAX_RETENTION_MONTHS } from "../../shared/contract/index.ts";
import { retentionApi } from "../../shared/contract/retention.routes.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

export function RetentionSettingForm({ months, onSaved }: { months: number | null; onSaved: () => void }) {
  const announce = useAnnounce();
  const [value, setValue] = useState(months === null ? "" : String(months));
  const parsed = value === "" ? null : Number(value);
  const form = useSubmit({
    check: () =>
      parsed !== null && !(Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_RETENTION_MONTHS)
        ? { months: `Enter a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or leave it empty.` }
        : {},
    run: async () => {
      await call(retentionApi.setMonths, { body: { months: parsed } });
      announce(parsed === null ? "Retention period removed." : `Retention period set to ${parsed} months.`);
      onSaved();
    },
  });

  return (
    <Form
      submit={form}
      className="panel"
      aria-labelledby="retention-setting-heading"
      heading={<h2 id="retention-setting-heading">Retention period</h2>}
      failureHeading="The period was not saved"
    >
      <TextField
        label="Months after a response arrives"
        hint="Leave empty to keep responses until you decide otherwise."
        inputMode="numeric"
        value={value}
        onChange={(event) => setValue(event.target.value.trim())}
        error={form.errors.months}
        className="input input--short"
      />
      <button type="submit" className="button" disabled={form.busy}>
        Save period
      </button>
    </Form>
  );
}
