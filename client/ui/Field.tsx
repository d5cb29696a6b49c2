import { type ReactNode, useId } from "react";
import { describedBy } from "./describedby.ts";
import { FieldError } from "./FieldError.tsx";

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** The control itself, given the id and the aria attributes that tie it to the label. */
  children: (control: ControlProps) => ReactNode;
}

/** A label, an optional hint and an error, each tied to the control with `aria-describedby`. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hint ? hintId : undefined, error && errorId),
      })}
    </div>
  );
}
