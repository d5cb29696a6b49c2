/** Wave 0 is the baseline interview; later waves are follow-ups. */
export function waveLabel(wave: number): string {
  return wave === 0 ? "Baseline (0)" : `Follow-up ${wave}`;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "1 interview", "3 interviews". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
