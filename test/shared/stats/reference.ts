import { readFileSync } from "node:fs";
import { expect } from "vitest";

// Values computed by R from test/fixtures/stats/reference.R. CI has no R, so tests only read the JSON;
// see test/fixtures/stats/README.md to regenerate it.

type Num = number | null;
type Reason = "not_enough_data" | "no_variation";

export interface DescribeCase {
  name: string;
  values: Num[];
  level: number;
  n: number;
  missing: number;
  reason?: Reason;
  mean?: number;
  median?: number;
  sd?: Num;
  min?: number;
  max?: number;
  ci_lower?: Num;
  ci_upper?: Num;
  ci_reason?: Reason | null;
}

export interface PairedCase {
  name: string;
  before: Num[];
  after: Num[];
  t_test: {
    n: number;
    missing: number;
    reason?: Reason;
    mean_before: number;
    sd_before: number;
    mean_after: number;
    sd_after: number;
    mean_diff: number;
    sd_diff: number;
    ci_lower: number;
    ci_upper: number;
    t: number;
    df: number;
    p: number;
    dz: number;
  };
  wilcoxon: {
    missing: number;
    reason?: Reason;
    ranked: number;
    zeros: number;
    v: number;
    z: number;
    p: number;
    auto_method: "exact" | "normal";
    auto_p: number;
  };
}

export interface McNemarCase {
  name: string;
  before: Array<boolean | null>;
  after: Array<boolean | null>;
  n: number;
  missing: number;
  b: number;
  c: number;
  reason?: "not_enough_data";
  chi_square: number;
  df: number;
  p: number;
}

export interface WilsonCase {
  successes: number;
  n: number;
  level: number;
  reason?: "not_enough_data";
  estimate: number;
  lower: number;
  upper: number;
}

export interface ChoiceCase {
  name: string;
  choices: string[];
  answers: Array<string | null>;
  n: number;
  missing: number;
  proportions: Array<{ value: string; count: number; proportion: number; lower: number; upper: number }>;
}

export interface Reference {
  generated_by: string;
  describe: DescribeCase[];
  paired: PairedCase[];
  mcnemar: McNemarCase[];
  wilson: WilsonCase[];
  choices: ChoiceCase[];
  /** R's psignrank(q, n). */
  signrank: Array<{ q: number; n: number; p: number }>;
}

export const reference = JSON.parse(
  readFileSync(new URL("../../fixtures/stats/reference.json", import.meta.url), "utf8"),
) as Reference;

/** Agreement with R to 1e-6: absolute for figures up to 1, relative above (a V of 800, a mean of 20). */
export function expectCloseToR(actual: number | null | undefined, expected: number | null | undefined): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual).toBeTypeOf("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

/** The R case with this name, so a test about one behaviour can say which data shows it. */
export function caseNamed<T extends { name: string }>(cases: T[], name: string): T {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`No reference case named "${name}"`);
  return found;
}
