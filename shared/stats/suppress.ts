/**
 * Small-number suppression, applied on the server before any figure leaves it (DESIGN §4.7). A figure
 * about fewer than k participants could identify someone in a small area, so it is replaced by a marker
 * that carries no number at all; the figures of a suppressed cell are dropped, not hidden by the client.
 */

/** Default minimum number of participants behind a published figure. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export type SuppressionReason =
  /** Fewer than k participants behind this figure. */
  | "below_threshold"
  /** Enough participants, but hidden so a suppressed cell cannot be worked out from the total. */
  | "complement";

export interface Suppressed {
  suppressed: true;
  reason: SuppressionReason;
}

export type SuppressedFigure<F extends { n: number }> = (F & { suppressed: false }) | Suppressed;

export interface Cell {
  key: string;
  n: number;
}

export type SuppressedCell = Suppressed & { key: string };
export type PublishedCell<C extends Cell> = C & { suppressed: false };

export interface SuppressedBreakdown<C extends Cell> {
  /** In the order given. */
  cells: Array<PublishedCell<C> | SuppressedCell>;
  /** The breakdown's total, itself suppressed when it is below k. */
  total: { suppressed: false; n: number } | Suppressed;
}

function assertThreshold(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`Suppression threshold must be an integer >= 1, got ${k}`);
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`A cell count must be a non-negative integer, got ${n}`);
  }
}

/**
 * A single figure (an outcome's mean, a response count) about `figure.n` participants: published as it
 * is when n >= k, otherwise replaced by a marker without the figure.
 */
export function suppressFigure<F extends { n: number }>(
  figure: F,
  k = DEFAULT_SUPPRESSION_THRESHOLD,
): SuppressedFigure<F> {
  assertThreshold(k);
  assertCount(figure.n);
  return figure.n < k ? { suppressed: true, reason: "below_threshold" } : { ...figure, suppressed: false };
}

/**
 * One breakdown of a total (by area, by wave, by choice...) whose cells add up to a published total.
 *
 * Primary suppression hides every cell with 0 < n < k; an empty cell reveals no one and stays.
 *
 * Secondary suppression: the total minus the published cells gives the sum of the hidden ones. With one
 * hidden cell that sum is the cell itself, so the smallest other non-empty cell is hidden too (the first
 * given, among equals). Two hidden cells of 1 and 1 are just as exposed, since readers know a hidden cell
 * is not empty, so cells keep being added, smallest first, until the hidden cells hold at least k
 * participants between them. If no non-empty cell is left to add, the total is itself below k and is
 * suppressed instead.
 *
 * Each call protects one breakdown against its own total. Cells that also sit in another published
 * breakdown (a two-way table with row and column totals) need their cross-checks done by the caller.
 */
export function suppressBreakdown<C extends Cell>(
  cells: readonly C[],
  k = DEFAULT_SUPPRESSION_THRESHOLD,
): SuppressedBreakdown<C> {
  assertThreshold(k);
  const keys = new Set<string>();
  for (const cell of cells) {
    assertCount(cell.n);
    if (keys.has(cell.key)) {
      throw new RangeError(`Breakdown cells must have distinct keys, got "${cell.key}" twice`);
    }
    keys.add(cell.key);
  }

  const reasons = new Map<string, SuppressionReason>();
  for (const cell of cells) {
    if (cell.n > 0 && cell.n < k) reasons.set(cell.key, "below_threshold");
  }
  let hiddenN = cells.reduce((sum, cell) => (reasons.has(cell.key) ? sum + cell.n : sum), 0);
  while (reasons.size > 0 && (reasons.size === 1 || hiddenN < k)) {
    let complement: C | undefined;
    for (const cell of cells) {
      if (cell.n > 0 && !reasons.has(cell.key) && (complement === undefined || cell.n < complement.n)) {
        complement = cell;
      }
    }
    if (complement === undefined) break;
    reasons.set(complement.key, "complement");
    hiddenN += complement.n;
  }

  const totalN = cells.reduce((sum, cell) => sum + cell.n, 0);
  return {
    cells: cells.map((cell): PublishedCell<C> | SuppressedCell => {
      const reason = reasons.get(cell.key);
      return reason === undefined
        ? { ...cell, suppressed: false }
        : { key: cell.key, suppressed: true, reason };
    }),
    total: totalN < k ? { suppressed: true, reason: "below_threshold" } : { suppressed: false, n: totalN },
  };
}
