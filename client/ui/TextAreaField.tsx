import type { TextareaHTMLAttributes } from "react";
import { Field } from "./Field.tsx";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A labelled multi-line input whose hint and error are tied to it with `aria-describedby`. */
export function TextAreaField({ label, hint, error, ...textarea }: Props) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <textarea {...control} className="input input--area" rows={4} {...textarea} />}
    </Field>
  );
}
