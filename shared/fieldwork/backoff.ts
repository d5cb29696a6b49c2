/**
 * How long a tablet waits before it tries an upload again after a failure: 5 s, 10 s, 20 s … up to
 * 5 minutes, each spread over its upper half at random so that tablets coming back online together
 * (a team returning to the office) do not all knock at once. `random` is in [0, 1).
 */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  if (failures < 1) return 0;
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * How long a server asked us to wait (`Retry-After`: seconds, or an HTTP date), in milliseconds, or
 * null when it did not say or said something unusable. Capped at MAX_RETRY_MS, so a wrong header can
 * never park a tablet for hours. The tablet waits at least this long, and at least its own backoff.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d{1,9}$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (!/[a-z]/i.test(value) || Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_MS, Math.max(0, ms));
}
