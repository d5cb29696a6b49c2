import type { AdministrationMode } from "./sync.ts";
import type { TheoryOfChange } from "./theory-of-change.ts";

/**
 * The outcome dashboards: the theory-of-change map with each outcome's headline figures
 * (`GET /api/outcomes/map`) and one outcome's page (`GET /api/outcomes/:outcomeId`). Every figure
 * about answers is suppressed on the server before it is sent (DESIGN §4.7): a suppressed figure
 * arrives as `{ suppressed: true, reason }` with no number in it.
 */

/** Only responses in these review states count; needs_review waits for a decision, rejected never counts. */
export const countedReviewStatuses = ["received", "approved"] as const;

export const indicatorKinds = ["scale", "choice", "yes_no", "number"] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];

export type IndicatorDirection = "higherIsBetter" | "lowerIsBetter";

// ---- query ----

/**
 * Filters every figure of an outcome page respects. `version` is `surveyId@version`. The date range is
 * in whole months of the interview's completion (UTC, `from` not after `to`), because finer slices
 * would let two overlapping ranges be subtracted to isolate a few interviews.
 */
export interface OutcomeFilters {
  area?: string | undefined;
  wave?: number | undefined;
  version?: string | undefined;
  /** YYYY-MM */
  from?: string | undefined;
  /** YYYY-MM */
  to?: string | undefined;
  mode?: AdministrationMode | undefined;
  /** The interview language, a locale (`en`, `pl`, `en-easy`). */
  language?: string | undefined;
}

/** The outcome page also chooses the two waves compared for change (defaults: first and last with data). */
export interface OutcomePageQuery extends OutcomeFilters {
  changeFrom?: number | undefined;
  changeTo?: number | undefined;
  /** `language`: also break every indicator down by interview language (`IndicatorDetail.byLanguage`). */
  breakdown?: "language" | undefined;
}

/**
 * How a trusted analyst reads the live pages (docs/decisions/0024-who-sees-what.md): `exact`, every
 * figure as computed, nothing hidden; or `released`, as a release would show it: the small-number
 * protection at the data manager's k, counts and percentages whole, means and limits to one decimal.
 */
export const liveViews = ["exact", "released"] as const;
export type LiveView = (typeof liveViews)[number];

// ---- figures ----

/**
 * - below_threshold: fewer than k people behind the figure (or a smaller group inside it);
 * - complement: enough people, but hidden so that a hidden figure cannot be worked out from it;
 * - left_out: with a version, mode or month filter, an area-wave cut into a part below k is left out.
 */
export type SuppressionReason = "below_threshold" | "complement" | "left_out";
export interface Hidden {
  suppressed: true;
  reason: SuppressionReason;
}
export type Shown<T> = T & { suppressed: false };
export type Figure<T> = Shown<T> | Hidden;

/** Why an interval or test is missing: too few values, or values that do not vary. */
export type Unavailable = { ok: false; reason: "not_enough_data" | "no_variation" };
export type Interval = { ok: true; lower: number; upper: number } | Unavailable;

/**
 * The figures of a population's answers. `values` is null when an answer was given by fewer than k
 * people and these figures would give that group back: a yes/no share is its two counts, and the
 * mean and SD of an indicator with three possible values fix its three counts.
 */
export interface Summary {
  n: number;
  values: SummaryValues | null;
}

export interface SummaryValues {
  mean: number;
  median: number;
  /** Null with a single value. */
  sd: number | null;
  /** 95% t interval of the mean. */
  ci: Interval;
  /** Yes/no indicators: the share answering yes, with its 95% Wilson interval. */
  proportion?: { value: number; lower: number; upper: number };
}

/** One cell of an area or wave breakdown. For yes/no, `mean` is the share answering yes (Wilson CI). */
export interface CellSummary {
  n: number;
  values: { mean: number; ci: Interval } | null;
}

export type BreakdownRow = { key: string; label: string } & Figure<CellSummary>;

export interface Breakdown {
  rows: BreakdownRow[];
  /** The line's total: the same population as the summary's, over every row shown. */
  total: Figure<CellSummary>;
}

/** A bar of the distribution: how many gave this answer, and the share with its 95% Wilson interval. */
export interface DistributionBar {
  key: string;
  label: string;
  n: number;
  proportion: number;
  lower: number;
  upper: number;
}

/**
 * The spread of answers, shown only when every answer was given by none or at least k people, in
 * this population and in enough others that no bar can be worked out by subtraction.
 */
export type Distribution = { shown: true; bars: DistributionBar[] } | ({ shown: false } & Hidden);

export interface Completeness {
  answered: number;
  /** Skipped or not asked, and declined ("prefer not to say", "don't know", "not applicable"). */
  notAnswered: { shown: true; skipped: number; declined: number } | ({ shown: false } & Hidden);
}

export interface TTest {
  ok: true;
  difference: { mean: number; lower: number; upper: number };
  t: number;
  df: number;
  p: number;
  /** Cohen's dz: the mean change in SDs of the changes. */
  dz: number;
}
export interface WilcoxonTest {
  ok: true;
  v: number;
  z: number;
  p: number;
  method: "exact" | "normal";
}
export interface McNemarTest {
  ok: true;
  /** Yes before, no after. */
  b: number;
  /** No before, yes after. */
  c: number;
  chiSquare: number;
  p: number;
}

export interface PairedFigure {
  /** Participants who answered at both waves. */
  n: number;
  /**
   * Participants who answered at the first wave but not at the second (not interviewed, or skipped);
   * hidden when the first wave's count is itself hidden, since n + lost would give it back.
   */
  lost: Figure<{ n: number }>;
  before: { mean: number; sd: number | null };
  after: { mean: number; sd: number | null };
  /**
   * The tests; null for a yes/no indicator when fewer than k people changed one way (or stayed),
   * since the change's mean and SD would give those counts back.
   */
  tests: {
    tTest: TTest | Unavailable;
    /** Ordinal scales only. */
    wilcoxon?: WilcoxonTest | Unavailable;
    /** Yes/no only. */
    mcnemar?: McNemarTest | Unavailable;
  } | null;
}

export type ChangeSection =
  | { available: false; reason: "one_wave" }
  | { available: true; fromWave: number; toWave: number; figure: Figure<PairedFigure> };

export interface IndicatorInfo {
  /** `surveyId/question`: unique across surveys. */
  key: string;
  surveyId: string;
  surveyTitle: string;
  question: string;
  title: string;
  kind: IndicatorKind;
  direction: IndicatorDirection | null;
}

export interface IndicatorDetail extends IndicatorInfo {
  summary: Figure<Summary>;
  /** Null while the summary is hidden. */
  distribution: Distribution | null;
  completeness: Completeness | null;
  /** Every area in scope at the wave filtered on (or over all waves). */
  byArea: Breakdown;
  /** Every wave in the area filtered on (or over all areas). */
  byWave: Breakdown;
  /**
   * Asked for with `breakdown=language`: each interview language's figure in the chosen population,
   * each row the page filtered to that language (so protected as every filtered view is).
   */
  byLanguage?: Breakdown;
  change: ChangeSection;
}

export interface AttritionRow {
  surveyId: string;
  surveyTitle: string;
  wave: number;
  /** Participants interviewed at this wave (counted responses, within the filters). */
  participants: number;
  /** Of them, those also interviewed at the baseline (wave 0). */
  retained: number;
  /** Participants at the baseline. */
  baseline: number;
}

export interface OutcomeNodeInfo {
  id: string;
  short: string;
  text: string;
  strand: { id: string; name: string } | null;
  /** False for a tag that is used in a survey but is not an outcome of the theory of change. */
  inTheoryOfChange: boolean;
}

export interface OutcomePageResponse {
  /** Set by the route: exact live figures, or the page as it would be released. */
  view?: LiveView;
  k: number;
  countedStatuses: readonly string[];
  outcome: OutcomeNodeInfo;
  filters: OutcomeFilters;
  options: {
    areas: { id: string; name: string }[];
    waves: number[];
    versions: { id: string; label: string }[];
    modes: string[];
    /** The interview languages of the outcome's surveys, named in plain English. */
    languages: { id: string; label: string }[];
  };
  /** With a version, mode or date filter: how many area-waves had to be left out to keep groups of k. */
  slice: { active: false } | { active: true; leftOut: number };
  /** Interviews in scope that are not counted (interview counts, as in the response counts table). */
  notCounted: { needsReview: number; rejected: number };
  indicators: IndicatorDetail[];
  attrition: AttritionRow[];
}

/**
 * An interview language's name for the dashboards, in English: "Polish", "Arabic"; Easy Read English
 * is "English (Easy Read)". Falls back to the locale when the runtime has no name for it.
 */
export function interviewLanguageName(locale: string): string {
  if (locale === "en-easy") return "English (Easy Read)";
  try {
    return new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

// ---- the map ----

/** The mean over every area in scope at one wave; `mean` null as `Summary.values` is. */
export interface HeadlineFigure {
  n: number;
  mean: number | null;
}

export interface IndicatorHeadline extends IndicatorInfo {
  /** Null when nobody has answered yet. */
  latest: { wave: number; figure: Figure<HeadlineFigure> } | null;
  /** The first wave with answers, when it is not the latest. */
  baseline: { wave: number; figure: Figure<HeadlineFigure> } | null;
  /**
   * The change from the baseline to the latest wave for the same participants (the outcome page's
   * paired figure): "better"/"worse" (or "up"/"down" with no direction) only when its 95% confidence
   * interval excludes zero, else "no_clear_change"; null when there is one wave, the change is hidden
   * or cannot be computed. See docs/decisions/0033-say-only-what-the-data-support.md.
   */
  change: ChangeVerdict | null;
}

export interface OutcomeHeadline {
  outcomeId: string;
  /** Empty: no question measures this outcome yet, which is itself a finding. */
  indicators: IndicatorHeadline[];
}

/**
 * One strand of the theory of change, from its outcomes' headlines. A question measures one outcome
 * and an outcome sits in one strand, so this is the breakdown by strand: how much of each strand is
 * measured, and which way its indicators moved (each read with its direction, from figures the map
 * publishes; hidden or one-wave figures count as not known).
 */
export interface StrandSummary {
  id: string;
  name: string;
  outcomes: number;
  /** Outcomes with at least one tagged question. */
  measured: number;
  indicators: number;
  better: number;
  worse: number;
  /** The change's interval includes zero: it could be chance. */
  noClearChange: number;
  /** No direction to read (also when it clearly went up or down), a hidden change, or one wave only. */
  notKnown: number;
}

export interface OutcomeMapResponse {
  /** Set by the route: exact live figures, or the map as it would be released. */
  view?: LiveView;
  k: number;
  countedStatuses: readonly string[];
  theoryOfChange: TheoryOfChange;
  /** The breakdown by strand, in the diagram's order. */
  strands: StrandSummary[];
  /**
   * Indicators whose change was tested (a verdict other than null), and how many of them would show a
   * clear change by chance alone if nothing had changed (tested × 0.05).
   */
  changeTested: { tested: number; expectedByChance: number; levelPercent: number };
  outcomes: OutcomeHeadline[];
  /** Outcome tags used in surveys that the theory of change does not have. */
  otherTags: OutcomeHeadline[];
}

/**
 * What a change can honestly be called: "better" or "worse" only when the whole confidence interval of
 * the change lies on one side of zero; "no_clear_change" when it includes zero (the data are consistent
 * with no change at all); "up" or "down" when the interval excludes zero but the indicator has no
 * direction to read it with.
 */
export type ChangeVerdict = "better" | "worse" | "up" | "down" | "no_clear_change";
