/**
 * The moment N calendar months before `now` (UTC): responses received before it are due for a
 * deletion review. The 31st less one month is the last day of the shorter month, never a day that
 * spills into the next month.
 */
export function retentionCutoff(now: Date, months: number): Date {
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}
