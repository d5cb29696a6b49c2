import { roundPublished } from "../../../shared/disclosure/rounding.ts";

/**
 * The rounding a release applies (issue 13), for a trusted analyst's "as it would be released" view of
 * a live page: counts and percentages whole, means, medians, SDs and confidence limits to one decimal.
 * Pure: takes a page or map body and returns a rounded copy. The numbers are rounded by
 * `roundPublished` (shared/disclosure/rounding.ts), the same function the release checks use.
 *
 * A yes/no indicator's figures are proportions (0–1) shown as percentages, so inside anything with
 * `kind: "yes_no"`, and for every `proportion` and its limits, "whole percentages" means two decimals
 * of the proportion. Test statistics are not in the release rules but carry the same information at
 * full precision, so they are rounded too (t, z, χ², effect size to two decimals; p to three, and never
 * shown as 0).
 */
export function roundForRelease<T>(body: T): T {
  return walk(body, false, undefined) as T;
}

const TWO_DECIMALS = new Set(["t", "z", "chiSquare", "dz"]);

function walk(value: unknown, proportions: boolean, key: string | undefined): unknown {
  if (typeof value === "number") return roundNumber(value, proportions, key);
  if (Array.isArray(value)) return value.map((v) => walk(v, proportions, key));
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const inner = proportions || object.kind === "yes_no" || typeof object.proportion === "number";
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) out[k] = walk(v, inner || k === "proportion", k);
  return out;
}

function roundNumber(value: number, proportions: boolean, key: string | undefined): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  if (key === "p") return roundPublished("p", value);
  if (key !== undefined && TWO_DECIMALS.has(key)) return roundPublished("statistic", value);
  return roundPublished(proportions ? "proportion" : "mean", value);
}
