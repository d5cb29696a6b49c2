import { type FormEvent, useState } from "react";
import type { OutcomePageResponse } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { modeNames } from "../ui/mode-names.ts";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";

const FIELDS = [
  "area",
  "wave",
  "version",
  "mode",
  "language",
  "from",
  "to",
  "changeFrom",
  "changeTo",
  "breakdown",
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

export function filtersFrom(query: URLSearchParams): Values {
  return Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ""])) as Values;
}

/** Problems a person can make with the filters, as sentences to show next to the field to correct. */
export function filterErrors(values: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (values.from && values.to && values.from > values.to) {
    errors.to =
      "The “To” month is before the “From” month. Choose a “To” month that is the same as or after it.";
  }
  if (values.changeFrom && values.changeTo && Number(values.changeFrom) >= Number(values.changeTo)) {
    errors.changeTo = "Compare change to a later wave than the one you compare from.";
  }
  if (values.language && values.breakdown) {
    errors.breakdown =
      "To show every figure by interview language, choose “Any language” as the interview language.";
  }
  return errors;
}

/**
 * The filters every figure on the page respects, as one form: nothing changes until "Show figures",
 * so a screen reader user is not sent figures on every keystroke. The waves compared for change are
 * chosen here too.
 */
export function OutcomeFilters({
  data,
  query,
  onApply,
}: {
  data: OutcomePageResponse;
  query: URLSearchParams;
  onApply: (query: URLSearchParams) => void;
}) {
  const [values, setValues] = useState<Values>(() => filtersFrom(query));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = filterErrors(values);
    setErrors(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      // Keep the form as it is and move to the field to correct.
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const next = new URLSearchParams();
    for (const f of FIELDS) if (values[f]) next.set(f, values[f]);
    onApply(next);
  };
  const reset = () => {
    setErrors({});
    setValues(filtersFrom(new URLSearchParams()));
    onApply(new URLSearchParams());
  };
  const { options } = data;
  const waves = options.waves.map((w) => ({ value: String(w), label: waveLabel(w) }));
  return (
    <form className="filters" onSubmit={submit} aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filters</h2>
      <div className="filters__grid">
        <SelectField
          label="Area"
          value={values.area}
          onChange={set("area")}
          options={[
            ...(options.areas.length > 1 ? [{ value: "", label: "All areas you can see" }] : []),
            ...options.areas.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <SelectField
          label="Wave"
          value={values.wave}
          onChange={set("wave")}
          options={[{ value: "", label: "All waves" }, ...waves]}
        />
        <SelectField
          label="Survey version"
          value={values.version}
          onChange={set("version")}
          options={[
            { value: "", label: "All versions" },
            ...options.versions.map((v) => ({ value: v.id, label: v.label })),
          ]}
        />
        <SelectField
          label="How the interview was done"
          value={values.mode}
          onChange={set("mode")}
          options={[
            { value: "", label: "Any way" },
            ...options.modes.map((m) => ({ value: m, label: modeNames[m] ?? m })),
          ]}
        />
        <SelectField
          label="Interview language"
          value={values.language}
          onChange={set("language")}
          options={[
            { value: "", label: "Any language" },
            ...options.languages.map((l) => ({ value: l.id, label: l.label })),
          ]}
        />
        <TextField
          label="From month"
          type="month"
          value={values.from}
          onChange={set("from")}
          hint="Completed in or after"
        />
        <TextField
          label="To month"
          type="month"
          name="to"
          value={values.to}
          onChange={set("to")}
          hint="Completed in or before"
          error={errors.to}
        />
        <SelectField
          label="Compare change from"
          value={values.changeFrom}
          onChange={set("changeFrom")}
          options={[{ value: "", label: "The first wave" }, ...waves]}
        />
        <SelectField
          label="Compare change to"
          name="changeTo"
          value={values.changeTo}
          onChange={set("changeTo")}
          error={errors.changeTo}
          options={[{ value: "", label: "The latest wave" }, ...waves]}
        />
        <SelectField
          label="Also show each figure by"
          name="breakdown"
          value={values.breakdown}
          onChange={set("breakdown")}
          error={errors.breakdown}
          options={[
            { value: "", label: "Area and wave only" },
            { value: "language", label: "Interview language too" },
          ]}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          Show figures
        </button>
        <button type="button" className="button button--secondary" onClick={reset}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
