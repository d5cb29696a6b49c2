/**
 * Long lists (the review queue, the retention list) are read a page at a time in the order the
 * responses arrived. The cursor is the last row's `receivedAt` and id, joined by `_`, so a page never
 * repeats or skips a row when rows are added meanwhile, and a page costs the same on page 1 and 1000.
 * The server reads a cursor with `KeysetCursor` (`keyset.schema.ts`).
 */
export interface KeysetCursor {
  receivedAt: string;
  id: string;
}

export function keysetCursor(row: { receivedAt: string; id: string }): string {
  return `${row.receivedAt}_${row.id}`;
}
