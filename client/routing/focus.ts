/**
 * After a navigation or a step change, the new page heading takes focus (WCAG 2.4.3): it is read
 * out, and the next Tab starts from the top of the new content. On first load focus stays put.
 */
let focusRequested = false;

export function requestHeadingFocus(): void {
  focusRequested = true;
}

export function takeHeadingFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}
