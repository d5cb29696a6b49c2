/**
 * Whether an interview is on screen. A new version of the app is never loaded while one is: the
 * update prompt waits until the interview has ended (or been left), so nobody loses their place.
 */
let open = 0;
const listeners = new Set<() => void>();

export function interviewOpened(): () => void {
  open += 1;
  notify();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    open -= 1;
    notify();
  };
}

export function isInterviewOpen(): boolean {
  return open > 0;
}

export function subscribeInterviewOpen(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}
