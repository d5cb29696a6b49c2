import type { InputHTMLAttributes } from "react";
import { Field } from "./Field.tsx";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A labelled input whose hint and error are tied to it with `aria-describedby`. */
export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...control} className={className ?? "input"} {...input} />}
    </Field>
  );
}
