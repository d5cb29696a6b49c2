import type { ColumnType } from "kysely";

/**
 * One tagged question of one response, written at ingest (server/outcomes): the numeric value the
 * outcome dashboards aggregate, with the response's filter and grouping columns copied so no query
 * needs a join. `question` '' (with `outcome` '') is the interview itself, for attrition. Deleted with
 * its response; rewritten when the response changes (see `indicator_refresh`).
 */
export interface IndicatorValuesTable {
  response_id: string;
  question: string;
  survey_id: string;
  survey_version: number;
  area_id: string;
  wave: number;
  participant_code: string;
  administration_mode: string;
  /** UTC ISO timestamp. */
  completed_at: string;
  /** The theory-of-change outcome the question is tagged with. */
  outcome: string;
  /** "answered" | "skipped" | "declined" (a way of not answering, such as "prefer not to say"). */
  status: string;
  /** Rating value, choice score, 1/0 for yes/no, or the number given; null unless answered. */
  value: number | null;
  /** The chosen choice's value, for single-choice questions. */
  choice: string | null;
  /** 1 when the response's review state counts (received, approved). */
  counted: number;
  /** The interview language; a response without one counts as its version's main language (migration 2026-12-07-02). */
  language: ColumnType<string, string | undefined, string>;
}

/** One participant's answers to one question at two waves (same survey and area); deleted with either interview. */
export interface IndicatorPairsTable {
  /** The earlier wave's interview. */
  response_id: string;
  paired_response_id: string;
  question: string;
  outcome: string;
  survey_id: string;
  area_id: string;
  from_wave: number;
  to_wave: number;
  before_value: number;
  after_value: number;
  /** 1 when both interviews count. */
  counted: number;
  /** The survey version of both interviews, or 0 when they differ (migration 2026-11-26-08). */
  slice_version: ColumnType<number, number | undefined, number>;
  /** The administration mode of both interviews, or '' when they differ. */
  slice_mode: ColumnType<string, string | undefined, string>;
  /** YYYY-MM (UTC) of the earlier interview's completion. */
  from_month: ColumnType<string, string | undefined, string>;
  /** YYYY-MM (UTC) of the later interview's completion. */
  to_month: ColumnType<string, string | undefined, string>;
  /** The interview language of both interviews, or '' when they differ (migration 2026-12-07-02). */
  slice_language: ColumnType<string, string | undefined, string>;
}

/** Counted indicator_values by grouping columns; maintained by triggers (migration 2026-11-26-03). */
export interface IndicatorCellsTable {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number;
  status: string;
  /** 0 when the value is null (then `value` is 0). */
  has_value: number;
  value: number;
  /** '' when there is no choice. */
  choice: string;
  n: number;
}

/**
 * Counted indicator_values (not the interview rows) by distribution bar: a count question's bin of its
 * value (`binIndex`; 0 without a value), with the sum and sum of squares of the values. Kept by
 * triggers for every question (migration 2026-12-07-08); the outcome page reads count questions' bars
 * here.
 */
export interface IndicatorBinCellsTable {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number;
  status: string;
  bar: number;
  /** '' when there is no choice. */
  choice: string;
  n: number;
  sum_value: number;
  sumsq_value: number;
}

/** Counted indicator_pairs by change (after - before), with running sums; maintained by triggers. */
export interface IndicatorPairCellsTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  question: string;
  area_id: string;
  difference: number;
  n: number;
  sum_before: number;
  sum_after: number;
  sumsq_before: number;
  sumsq_after: number;
}

/**
 * Counted indicator_values keyed like `indicator_cells` plus the filters that cut inside an area-wave:
 * survey version, administration mode and completion month (YYYY-MM, UTC). Trigger-maintained
 * (migration 2026-11-26-08); a filtered outcome page reads these.
 */
export interface IndicatorSliceCellsTable extends IndicatorCellsTable {
  survey_version: number;
  administration_mode: string;
  month: string;
  /** The interview language (migration 2026-12-07-02). */
  language: string;
}

/**
 * A counter per survey and area, raised by a trigger whenever an interview's row of that survey and
 * area is written or deleted (migration 2026-11-26-10): stored part checks older than it are stale.
 */
export interface IndicatorGenerationsTable {
  survey_id: string;
  area_id: string;
  generation: number;
}

/**
 * Per question, area-wave and set of filter dimensions (`dims`: 1 version, 2 mode, 4 month), the
 * smallest positive count of one answer in one part: by value (`smallest`) and with a count
 * question's values taken by bin (`smallest_binned`). Computed by the server (part-checks.repository).
 */
export interface IndicatorPartMinimumsTable {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number;
  dims: number;
  smallest: number;
  smallest_binned: number;
}

/** The same for pairs between two waves: of pairs in one part, and of one direction of change in one part. */
export interface IndicatorPairPartMinimumsTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  question: string;
  area_id: string;
  dims: number;
  smallest: number;
  smallest_by_way: number;
}

/** The generation each outcome's stored minimums of an area were computed at (waves -1, -1: the values'). */
export interface IndicatorPartChecksTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  area_id: string;
  generation: number;
}

/** Counted indicator_pairs by change and by the pair's slice columns (see `IndicatorPairsTable`). */
export interface IndicatorPairSliceCellsTable extends IndicatorPairCellsTable {
  /** Both interviews' version, or 0. */
  survey_version: number;
  /** Both interviews' mode, or ''. */
  administration_mode: string;
  from_month: string;
  to_month: string;
  /** Both interviews' language, or ''. */
  language: string;
}

/** Responses changed after ingest whose indicator rows must be rewritten before the next read. */
export interface IndicatorRefreshTable {
  response_id: string;
}
