import { useId } from "react";
import type { AdministrationMode } from "../../shared/contract/index.ts";
import { FieldError } from "../ui/FieldError.tsx";
import { administrationModeOptions } from "./administration-modes.ts";

interface Props {
  value: AdministrationMode | null;
  onChange: (value: AdministrationMode) => void;
  error?: string | undefined;
}

export function AdministrationModeField({ value, onChange, error }: Props) {
  const id = useId();
  return (
    <fieldset
      className={error ? "field field--invalid choices" : "field choices"}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>How is the survey given?</legend>
      <FieldError id={`${id}-error`} message={error} />
      {administrationModeOptions.map(([mode, label]) => (
        <label key={mode} className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
