import type { FormHTMLAttributes, ReactNode } from "react";
import { ErrorAlert } from "./ErrorAlert.tsx";
import type { FieldErrors, Submit } from "./use-submit.ts";

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & {
  submit: Pick<Submit<FieldErrors>, "failure" | "onSubmit">;
  /** The alert's heading when sending failed, e.g. "The area was not added". */
  failureHeading?: string;
  /** Shown above the alert: the form's own heading, so the alert follows it. */
  heading?: ReactNode;
  children: ReactNode;
};

/**
 * A form that checks its own fields (`noValidate`: the browser's bubbles are not accessible) and
 * shows what went wrong with the last send in an alert above its fields.
 */
export function Form({ submit, failureHeading, heading, children, ...form }: FormProps) {
  return (
    <form noValidate onSubmit={submit.onSubmit} {...form}>
      {heading}
      {submit.failure !== null && <ErrorAlert heading={failureHeading} error={submit.failure} />}
      {children}
    </form>
  );
}
