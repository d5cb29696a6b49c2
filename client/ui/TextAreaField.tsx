import { type TextareaHTMLAttributes, useId } from "react";
import { describedBy } from "./describedby.ts";
import { FieldError } from "./FieldError.tsx";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A labelled multi-line input whose hint and error are tied to it with `aria-describedby`. */
export function TextAreaField({ label, hint, error, ...textarea }: Props) {
  const id = useId();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        className="input input--area"
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...textarea}
      />
    </div>
  );
}
