import { changeVerdict, type Direction } from "./change-verdict.ts";

/**
 * Plain-language sentences for a figure, for a reader who does not know statistics. Pure: the caller
 * passes the numbers (already rounded as the page shows them, or exact) and the wave names.
 */

const upToTwo = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const wholeNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * How the indicator's answers are read: a scale (points), a number such as nights or times (no unit
 * the sentence could name), or a yes/no share (percentage points).
 */
export type SentenceKind = "scale" | "number" | "yes_no";

/** How a question of this kind is read in a sentence: a choice question's change is read as a scale's. */
export function sentenceKind(kind: "scale" | "choice" | "yes_no" | "number"): SentenceKind {
  return kind === "yes_no" || kind === "number" ? kind : "scale";
}

export interface ChangeSentenceInput {
  kind: SentenceKind;
  direction: Direction;
  /** Mean change, after − before (for yes/no: the change in the share answering yes, 0–1). */
  mean: number;
  lower: number;
  upper: number;
  /** e.g. "baseline", "follow-up 1" */
  fromName: string;
  toName: string;
  /** e.g. 95 */
  levelPercent: number;
  /**
   * Decimals to print the change and its range with, every time (a release prints one, so "1.0", as
   * its table does); up to two, as needed, without it.
   */
  fractionDigits?: number;
}

/**
 * "On average people rated this 0.4 points higher at follow-up 1 than at baseline; we are fairly sure
 * the true change is between 0.2 and 0.6 points, so this is a clear improvement."
 */
export function changeSentence(input: ChangeSentenceInput): string {
  const { kind, mean, lower, upper, fromName, toName, levelPercent, fractionDigits } = input;
  const decimal =
    fractionDigits === undefined
      ? upToTwo
      : new Intl.NumberFormat("en-GB", {
          minimumFractionDigits: fractionDigits,
          maximumFractionDigits: fractionDigits,
        });
  const pointsText = (x: number) => `${decimal.format(x)} ${x === 1 ? "point" : "points"}`;
  const amount = (x: number) =>
    kind === "yes_no"
      ? `${wholeNumber.format(Math.abs(x) * 100)} percentage points`
      : kind === "number"
        ? decimal.format(Math.abs(x))
        : pointsText(Math.abs(x));
  const signed = (x: number) =>
    kind === "yes_no"
      ? `${x < 0 ? "−" : ""}${wholeNumber.format(Math.abs(x) * 100)}`
      : `${x < 0 ? "−" : ""}${decimal.format(Math.abs(x))}`;
  const unit = kind === "yes_no" ? " percentage points" : "";
  const verdict = changeVerdict({ lower, upper }, input.direction);
  const subject = kind === "yes_no" ? "the share of people answering yes was" : "people's answers were";
  const what =
    mean === 0
      ? `On average ${subject} the same at ${toName} as at ${fromName}`
      : `On average ${subject} ${amount(mean)} ${mean > 0 ? "higher" : "lower"} at ${toName} than at ${fromName}`;
  const range = `we are fairly sure (${levelPercent}% confidence) the true change is between ${signed(lower)} and ${signed(upper)}${unit}`;
  const reading: Record<typeof verdict, string> = {
    better: "so this is a clear improvement",
    worse: "so this is a clear worsening",
    up: "so it clearly went up",
    down: "so it clearly went down",
    no_clear_change: "which includes no change at all, so this could be chance",
  };
  return `${what}; ${range}, ${reading[verdict]}.`;
}

/** More than this share of baseline participants lost makes a change hard to read. */
export const ATTRITION_CAVEAT_SHARE = 1 / 3;

/**
 * A caveat when more than a third of the people who answered at the first wave did not answer at the
 * second: those who stayed may differ from those who left, so the change may not hold for everyone.
 * Null when the loss is a third or less, or the counts are unknown.
 */
export function attritionCaveat(paired: number, lost: number): string | null {
  if (!(Number.isInteger(paired) && Number.isInteger(lost) && paired >= 0 && lost >= 0)) return null;
  const started = paired + lost;
  if (started === 0 || lost / started <= ATTRITION_CAVEAT_SHARE) return null;
  const percent = wholeNumber.format((100 * lost) / started);
  return (
    `Read this change with care: ${wholeNumber.format(lost)} of the ${wholeNumber.format(started)} people ` +
    `who answered at the first wave (${percent}%) did not answer at the second. The people who stayed may ` +
    "differ from those who left, so the change may not hold for everyone."
  );
}
