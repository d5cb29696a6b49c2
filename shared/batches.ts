/** Splits a list into runs of at most `size` items, in order (uploads, multi-row inserts). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new Error("batch size must be at least 1");
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
