import { useId } from "react";
import { FieldError } from "./FieldError.tsx";

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

interface Props<T extends string> {
  legend: string;
  options: readonly RadioOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
  hint?: string;
  error?: string | undefined;
}

/** A labelled group of radio buttons with large targets; the legend names the question. */
export function RadioField<T extends string>({ legend, options, value, onChange, hint, error }: Props<T>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset
      className={error ? "field field--invalid choices" : "field choices"}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={`${id}-radio`}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            {option.label}
            {option.hint && <span className="choice__hint">{option.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
