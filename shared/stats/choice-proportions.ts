import { assertLevel, DEFAULT_LEVEL, type Unavailable } from "./result.ts";
import { wilsonInterval } from "./wilson-interval.ts";

/** A choice value as SurveyJS stores it. */
export type ChoiceValue = string | number;

export interface ChoiceProportion<V extends ChoiceValue = ChoiceValue> {
  value: V;
  count: number;
  proportion: number;
  /** Wilson interval at the requested level. */
  lower: number;
  upper: number;
}

export type ChoiceProportions<V extends ChoiceValue = ChoiceValue> =
  | { ok: true; n: number; level: number; choices: ChoiceProportion<V>[] }
  | (Unavailable<"not_enough_data"> & { n: 0 });

/**
 * Share of answers for each choice of a single-choice question, from counts already tallied (for example
 * by a GROUP BY). The denominator is the sum of the counts, so every listed choice appears, including
 * those nobody picked.
 */
export function proportionsFromCounts<V extends ChoiceValue>(
  counts: ReadonlyArray<{ value: V; count: number }>,
  options: { level?: number } = {},
): ChoiceProportions<V> {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  const n = counts.reduce((total, { count }) => total + count, 0);
  if (n === 0) return { ok: false, reason: "not_enough_data", n: 0 };
  const choices = counts.map(({ value, count }) => {
    const interval = wilsonInterval(count, n, level);
    // n > 0 here, so the interval always exists; the guard only satisfies the type.
    if (!interval.ok) throw new Error("unreachable: Wilson interval unavailable for n > 0");
    return { value, count, proportion: interval.proportion, lower: interval.lower, upper: interval.upper };
  });
  return { ok: true, n, level, choices };
}

export type ChoiceAnswerProportions<V extends ChoiceValue = ChoiceValue> = ChoiceProportions<V> & {
  /** Questions skipped or not asked (null or undefined). */
  missing: number;
  /**
   * Answers that are not among `choices` (say, a choice removed in a later survey version). They are left
   * out of the denominator rather than guessed into a choice, and counted so the dashboard can say so.
   */
  unlisted: number;
};

/** Share of answers for each choice, tallied from raw answers in the order of `choices`. */
export function choiceProportions<V extends ChoiceValue>(
  answers: ReadonlyArray<ChoiceValue | null | undefined>,
  choices: readonly V[],
  options: { level?: number } = {},
): ChoiceAnswerProportions<V> {
  const counts = new Map<ChoiceValue, number>(choices.map((choice) => [choice, 0]));
  if (counts.size !== choices.length) throw new RangeError("choices must not repeat a value");
  let missing = 0;
  let unlisted = 0;
  for (const answer of answers) {
    if (answer === null || answer === undefined) missing += 1;
    else {
      const count = counts.get(answer);
      if (count === undefined) unlisted += 1;
      else counts.set(answer, count + 1);
    }
  }
  const tallied = choices.map((value) => ({ value, count: counts.get(value) ?? 0 }));
  return { ...proportionsFromCounts(tallied, options), missing, unlisted };
}
