/** Today's date in UTC, YYYY-MM-DD: the day due dates and refreshers are compared with. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
