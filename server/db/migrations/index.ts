import type { Migration } from "kysely";
import * as initial from "./2026-11-26-01-initial.ts";

/**
 * Every migration, by dated name. Listed statically (not read from disk) so the server runs the same
 * from source, from a bundle and under tests. Names sort in the order they run; never rename one.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-26-01-initial": initial,
};
