import type { Me } from "../../shared/contract/index.ts";

/**
 * Whether this person works on releases as an analyst: composes, checks, signs off as analyst,
 * publishes, and reads why each figure is withheld. A release covers every area, so an evaluator
 * limited to one area reads published releases as everyone else does (as the server decides).
 */
export function isReleaseAnalyst(me: Pick<Me, "role" | "areaId">): boolean {
  return (me.role === "admin" || me.role === "evaluator") && me.areaId === null;
}
