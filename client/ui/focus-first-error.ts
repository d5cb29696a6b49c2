/**
 * After a submit that found errors, focus the first field that is wrong, so a keyboard or screen
 * reader user lands on it and hears its error. Runs after React has rendered the error state.
 */
export function focusFirstError(form: HTMLFormElement): void {
  window.setTimeout(() => {
    const invalid = form.querySelector<HTMLElement>(
      '[aria-invalid="true"], fieldset[aria-describedby] input',
    );
    invalid?.focus();
  }, 0);
}
