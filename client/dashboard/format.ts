import type {
  Hidden,
  IndicatorDirection,
  IndicatorKind,
  Interval,
  Unavailable,
} from "../../shared/contract/index.ts";

/**
 * How the dashboard words its figures. A figure is never shown as NaN: missing statistics say why
 * ("not enough data"), and suppressed ones say "fewer than k" without any number of their own.
 */

const exact = {
  decimal: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
  percent: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }),
};
/** As a release writes them: means and limits to one decimal, percentages whole. */
const released = {
  decimal: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
  percent: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }),
};
const whole = new Intl.NumberFormat("en-GB");
let formats = exact;

/**
 * Which precision the page being drawn uses. The dashboard page sets it from its data's view before
 * its figures render (one dashboard page is drawn at a time), so "as it would be released" shows
 * 3.5 rather than 3.50, which would claim a precision the release does not have.
 */
export function useReleasePrecision(view: "exact" | "released" | undefined): void {
  formats = view === "released" ? released : exact;
}

export const formatCount = (n: number) => whole.format(n);
export const formatNumber = (x: number) =>
  Number.isFinite(x) ? formats.decimal.format(x) : "not enough data";
export const formatPercent = (x: number) =>
  Number.isFinite(x) ? formats.percent.format(x) : "not enough data";

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return "not enough data";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function hiddenText(figure: Hidden, k: number): string {
  switch (figure.reason) {
    case "below_threshold":
      return `fewer than ${k}`;
    case "complement":
      return "hidden to protect a smaller group";
    case "left_out":
      return "left out of this filtered view";
  }
}

/** Why a figure is not shown, as a whole sentence; `what` says what the hidden number counts. */
export function hiddenSentence(figure: Hidden, k: number, what: string): string {
  switch (figure.reason) {
    case "below_threshold":
      return `Not shown: fewer than ${k} people ${what}.`;
    case "complement":
      return `Not shown: with the other figures on this page it would give away a group of fewer than ${k} people.`;
    case "left_out":
      return `Not shown: with these filters this figure would give away a group of fewer than ${k} people, so it is left out. Remove a filter to see it.`;
  }
}

export function unavailableText(u: Unavailable): string {
  return u.reason === "no_variation" ? "no variation: everyone gave the same answer" : "not enough data";
}

export function intervalText(ci: Interval | null, asPercent = false): string {
  if (!ci) return "not shown";
  if (!ci.ok) return unavailableText(ci);
  const f = asPercent ? formatPercent : formatNumber;
  return `${f(ci.lower)} to ${f(ci.upper)}`;
}

export function directionText(direction: IndicatorDirection | null): string {
  if (direction === "higherIsBetter") return "higher is better";
  if (direction === "lowerIsBetter") return "lower is better";
  return "no direction set";
}

export function kindText(kind: IndicatorKind): string {
  switch (kind) {
    case "scale":
      return "rating scale";
    case "choice":
      return "single choice, scored";
    case "yes_no":
      return "yes or no";
    case "number":
      return "count";
  }
}

/**
 * The latest figure on the map, in words: "average 3.26 from 50 answers", "64% yes from 50 answers",
 * never a bare number or "n =".
 */
export function headlineText(kind: IndicatorKind, mean: number | null, n: number, k: number): string {
  const answers = `${formatCount(n)} ${n === 1 ? "answer" : "answers"}`;
  if (mean === null) return `${answers} (not shown: a group is smaller than ${k})`;
  return kind === "yes_no"
    ? `${meanText(kind, mean)} from ${answers}`
    : `average ${meanText(kind, mean)} from ${answers}`;
}

/**
 * What follows a question's wording on the map: after a question mark or full stop a new sentence
 * ("…want? Average 3.26"), otherwise a colon ("Trust: average 3.26"), never "want?: 3.26".
 */
export function afterTitle(title: string, words: string): string {
  return /[?.!]$/.test(title.trim()) ? ` ${words.charAt(0).toUpperCase()}${words.slice(1)}` : `: ${words}`;
}

/** A mean as the indicator reads it: a share for yes/no, a number otherwise. */
export function meanText(kind: IndicatorKind, mean: number): string {
  return kind === "yes_no" ? `${formatPercent(mean)} yes` : formatNumber(mean);
}
