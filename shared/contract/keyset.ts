import { z } from "zod";

/**
 * Long lists (the review queue, the retention list) are read a page at a time in the order the
 * responses arrived. The cursor is the last row's `receivedAt` and id, joined by `_`, so a page never
 * repeats or skips a row when rows are added meanwhile, and a page costs the same on page 1 and 1000.
 */
export const KeysetCursor = z
  .string()
  .max(100)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_[0-9a-f-]{36}$/, "a cursor from a previous page")
  .transform((value) => {
    const at = value.indexOf("_");
    return { receivedAt: value.slice(0, at), id: value.slice(at + 1) };
  });
export type KeysetCursor = z.output<typeof KeysetCursor>;

export function keysetCursor(row: { receivedAt: string; id: string }): string {
  return `${row.receivedAt}_${row.id}`;
}

/** A page size from a query string: 1 to 100, 50 when absent. */
export const PageLimit = z
  .string()
  .regex(/^\d{1,3}$/, "a whole number")
  .transform(Number)
  .pipe(z.number().int().min(1).max(100))
  .default(50);
