import { type TextareaHTMLAttributes, useId } from "react";
import { describedBy } from "./describedby.ts";
import { Field } from "./Field.tsx";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: string;
  error?: string | undefined;
};

const count = new Intl.NumberFormat("en-GB");

/**
 * A labelled multi-line input whose hint and error are tied to it with `aria-describedby`. A box with
 * a most it takes says so once it is full: the browser cuts a longer paste without a word.
 */
export function TextAreaField({ label, hint, error, ...textarea }: Props) {
  const limitId = useId();
  const { maxLength, value } = textarea;
  const full = typeof maxLength === "number" && typeof value === "string" && value.length >= maxLength;
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <textarea
            {...control}
            className="input input--area"
            rows={4}
            {...textarea}
            aria-describedby={describedBy(control["aria-describedby"], full ? limitId : undefined)}
          />
          <p className="field-limit" id={limitId} role="status">
            {full
              ? `This box is full: it takes ${count.format(maxLength)} characters at most. Anything past that is not kept.`
              : ""}
          </p>
        </>
      )}
    </Field>
  );
}
