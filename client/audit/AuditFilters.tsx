import { type FormEvent, useState } from "react";
import type { AuditQuery } from "../../shared/contract/index.ts";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { actionFamilies, actionLabel, familyLabel } from "./action-labels.ts";

export type AuditFilterValues = Required<Pick<AuditQuery, "actor" | "action" | "from" | "to" | "q">>;

export const noFilters: AuditFilterValues = { actor: "", action: "", from: "", to: "", q: "" };

/** The search form: a `search` landmark, every field labelled, errors from the server beside each. */
export function AuditFilters({
  actions,
  errors,
  busy,
  onSearch,
}: {
  actions: readonly string[];
  errors: Partial<Record<keyof AuditFilterValues, string>>;
  busy: boolean;
  onSearch: (filters: AuditFilterValues) => void;
}) {
  const [draft, setDraft] = useState<AuditFilterValues>(noFilters);
  const edit = (change: Partial<AuditFilterValues>) => setDraft((current) => ({ ...current, ...change }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(draft);
  };
  const handleClear = () => {
    setDraft(noFilters);
    onSearch(noFilters);
  };

  return (
    <search aria-label="Search the audit log">
      <form className="panel audit-filters" onSubmit={handleSubmit} noValidate>
        <h2 className="audit-filters__heading">Search</h2>
        <div className="audit-filters__grid">
          <TextField
            label="Person"
            hint="Email address. For a failed sign-in, the email that was tried."
            type="email"
            autoComplete="off"
            value={draft.actor}
            onChange={(event) => edit({ actor: event.target.value })}
            error={errors.actor}
          />
          <SelectField
            label="Action"
            value={draft.action}
            onChange={(event) => edit({ action: event.target.value })}
            error={errors.action}
            options={[
              { value: "", label: "Any action" },
              ...actionFamilies(actions).map((family) => ({ value: family, label: familyLabel(family) })),
              ...actions.map((action) => ({ value: action, label: actionLabel(action) })),
            ]}
          />
          <TextField
            label="From"
            type="date"
            value={draft.from}
            onChange={(event) => edit({ from: event.target.value })}
            error={errors.from}
          />
          <TextField
            label="To"
            hint="Includes the whole day."
            type="date"
            value={draft.to}
            onChange={(event) => edit({ to: event.target.value })}
            error={errors.to}
          />
          <TextField
            label="Text"
            hint="Searches what was affected, the details, the address and the device."
            type="search"
            value={draft.q}
            onChange={(event) => edit({ q: event.target.value })}
            error={errors.q}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Search
          </button>
          <button type="button" className="button button--secondary" onClick={handleClear} disabled={busy}>
            Clear
          </button>
        </div>
      </form>
    </search>
  );
}
