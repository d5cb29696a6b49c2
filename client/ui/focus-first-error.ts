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

/**
 * After a send that failed: the first field the server found wrong, else the form's submit button
 * (disabled while sending, so focus had fallen to the page), so the next Tab is not from the top.
 * Runs after React has rendered the error state and re-enabled the button.
 */
export function focusAfterFailure(form: HTMLFormElement): void {
  window.setTimeout(() => {
    const active = document.activeElement;
    // Someone who has already moved on elsewhere keeps their place.
    if (!form.isConnected || (active && active !== document.body && !form.contains(active))) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] input') ??
      form.querySelector<HTMLElement>('button[type="submit"]:not([disabled])');
    target?.focus();
  }, 0);
}

/**
 * After a send that worked, only when focus had fallen to the page (the button disabled while
 * sending): back on the submit button, where the person was. A form that moved focus on purpose
 * (to a message, a new row, another page) keeps it there.
 */
export function focusAfterSuccess(form: HTMLFormElement): void {
  window.setTimeout(() => {
    if (!form.isConnected || document.activeElement !== document.body) return;
    form.querySelector<HTMLElement>('button[type="submit"]:not([disabled])')?.focus();
  }, 0);
}
