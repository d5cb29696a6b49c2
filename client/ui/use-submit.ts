import { type FormEvent, useEffect, useState } from "react";
import { issuesByField } from "../api/api-error.ts";
import { focusAfterFailure, focusAfterSuccess, focusFirstError } from "./focus-first-error.ts";

/** What is wrong with each field, by the field's name; absent when the field is fine. */
export type FieldErrors = Partial<Record<string, string>>;

/** A form's own errors type, e.g. `{ email?: string; password?: string }`. */
type Errors<E> = { [K in keyof E]?: string | undefined };

export interface SubmitOptions<E extends Errors<E>> {
  /** Checks the form before anything is sent; any error found stops the submit and takes focus. */
  check?: () => E;
  /**
   * Sends the form. A throw is kept as the failure and its field issues shown at their fields; a
   * failure that is only about a field can be caught here and shown with `setErrors` instead.
   */
  run: (form: HTMLFormElement | undefined) => Promise<void>;
  /** The field errors a failure means; the server's issues by field unless a form knows more. */
  fieldErrors?: (failure: unknown) => E;
}

export interface Submit<E extends Errors<E>> {
  /** True while `run` is under way: the submit button is disabled. */
  busy: boolean;
  /** What the last `run` threw, or null. */
  failure: unknown;
  errors: E;
  setErrors: (errors: E) => void;
  /** The form's `onSubmit`; also callable with no event by a button outside a form. */
  onSubmit: (event?: FormEvent<HTMLFormElement>) => Promise<void>;
}

/**
 * The state every form repeats: busy while sending, the failure to show in an alert, and the
 * errors to show at each field. Checks first and focuses the first wrong field (WCAG 3.3.1).
 */
export function useSubmit<E extends Errors<E> = FieldErrors>(options: SubmitOptions<E>): Submit<E> {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [errors, setErrors] = useState<E>({} as E);
  // A form to put focus back into once the outcome has rendered (its fields marked, its button
  // enabled): the button was disabled while sending, which dropped focus to the page.
  const [refocus, setRefocus] = useState<{ form: HTMLFormElement; failed: boolean } | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    if (refocus.failed) focusAfterFailure(refocus.form);
    else focusAfterSuccess(refocus.form);
    setRefocus(null);
  }, [refocus]);

  const onSubmit = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const form = event?.currentTarget;
    setFailure(null);
    const found = options.check?.() ?? ({} as E);
    setErrors(found);
    if (Object.values(found).some((message) => message)) {
      if (form) focusFirstError(form);
      return;
    }
    setBusy(true);
    try {
      await options.run(form);
      if (form) setRefocus({ form, failed: false });
    } catch (caught) {
      setFailure(caught);
      setErrors(options.fieldErrors ? options.fieldErrors(caught) : (issuesByField(caught) as E));
      // Land on the first field the server found wrong, or back on the button.
      if (form) setRefocus({ form, failed: true });
    } finally {
      setBusy(false);
    }
  };

  return { busy, failure, errors, setErrors, onSubmit };
}
