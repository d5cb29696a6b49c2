import { z } from "zod";
import type { KeysetCursor as Cursor } from "./keyset.ts";

/** A cursor from a previous page (see `keyset.ts`), parsed into the row it follows. */
export const KeysetCursor = z
  .string()
  .max(100)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_[0-9a-f-]{36}$/, "a cursor from a previous page")
  .transform((value): Cursor => {
    const at = value.indexOf("_");
    return { receivedAt: value.slice(0, at), id: value.slice(at + 1) };
  });

/** A page size from a query string: 1 to 100, 50 when absent. */
export const PageLimit = z
  .string()
  .regex(/^\d{1,3}$/, "a whole number")
  .transform(Number)
  .pipe(z.number().int().min(1).max(100))
  .default(50);
