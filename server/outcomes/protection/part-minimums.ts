import { binIndex } from "../aggregates/indicator-values.repository.ts";

/**
 * The smallest pieces a filtered view could be subtracted into (docs/decisions/0016), computed from
 * the slice aggregates of one question in one area. A filter along some dimensions (version, mode,
 * month: `dims`, a bit each) cuts an area-wave into parts; the view may show the area-wave only if,
 * in every part, every answer was given by none or at least k. So what matters is, per area-wave and
 * set of dimensions, the smallest positive count of one answer in one part: the view is safe for
 * exactly the k not above it. Plain data in, plain data out; the repository stores the results.
 */

/** Bits of `dims`: which filter dimensions cut the parts. */
export const DIM_VERSION = 1;
export const DIM_MODE = 2;
export const DIM_MONTH = 4;
export const DIM_LANGUAGE = 8;
/** Every non-empty set of dimensions. */
export const ALL_DIMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
/** Where the binned (or by-way) counts start in the per-dims list. */
const BINNED = ALL_DIMS.length;

/** The dims of the filters in use, or 0 for none. */
export function dimsOf(slice: {
  version?: unknown;
  mode?: unknown;
  from?: unknown;
  to?: unknown;
  language?: unknown;
}): number {
  return (
    (slice.version !== undefined ? DIM_VERSION : 0) |
    (slice.mode !== undefined ? DIM_MODE : 0) |
    (slice.from !== undefined || slice.to !== undefined ? DIM_MONTH : 0) |
    (slice.language !== undefined ? DIM_LANGUAGE : 0)
  );
}

/** One slice cell of a question in an area, as read. */
export interface SlicePiece {
  area_id: string;
  wave: number | string;
  status: string;
  has_value: number | string;
  value: number | string;
  choice: string;
  survey_version: number | string;
  administration_mode: string;
  month: string;
  language: string;
  n: number | string;
}

export interface PartMinimum {
  areaId: string;
  wave: number;
  dims: number;
  /** Smallest positive count of one answer (status, value, choice) in one part. */
  smallest: number;
  /** The same with values taken by bin of a count question's distribution (`binIndex`). */
  smallestBinned: number;
}

function partKey(dims: number, version: string, mode: string, month: string, language: string): string {
  return `${dims & DIM_VERSION ? version : ""}\u0001${dims & DIM_MODE ? mode : ""}\u0001${dims & DIM_MONTH ? month : ""}\u0001${dims & DIM_LANGUAGE ? language : ""}`;
}

function smallestPositive(counts: Map<string, number>): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const n of counts.values()) if (n > 0 && n < smallest) smallest = n;
  return smallest;
}

/** Per dims (index dims - 1) the counts by answer and part; then (index dims - 1 + BINNED) binned. */
function emptyCounts(): Map<string, number>[] {
  return Array.from({ length: 2 * BINNED }, () => new Map<string, number>());
}

/**
 * Per area-wave and set of dimensions, the smallest pieces of one question's slice cells. The cells
 * come in key order (area, then wave, together), so only one area-wave's counts are held at a time.
 */
export function partMinimums(pieces: readonly SlicePiece[]): PartMinimum[] {
  const out: PartMinimum[] = [];
  let areaId: string | undefined;
  let wave = 0;
  let counts = emptyCounts();
  const flush = () => {
    if (areaId === undefined) return;
    for (const dims of ALL_DIMS) {
      const smallest = smallestPositive(counts[dims - 1] as Map<string, number>);
      if (smallest === Number.POSITIVE_INFINITY) continue;
      out.push({
        areaId,
        wave,
        dims,
        smallest,
        smallestBinned: smallestPositive(counts[dims - 1 + BINNED] as Map<string, number>),
      });
    }
  };
  for (const p of pieces) {
    const n = Number(p.n);
    if (!(n > 0)) continue;
    const pieceWave = Number(p.wave);
    if (p.area_id !== areaId || pieceWave !== wave) {
      flush();
      areaId = p.area_id;
      wave = pieceWave;
      counts = emptyCounts();
    }
    const hasValue = Number(p.has_value) === 1;
    const value = Number(p.value);
    const answer = `${p.status}\u0002${hasValue ? 1 : 0}\u0002${hasValue ? value : 0}\u0002${p.choice}`;
    const binned = `${p.status}\u0002${hasValue ? 1 : 0}\u0002${hasValue ? binIndex(value) : 0}\u0002${p.choice}`;
    const version = String(p.survey_version);
    for (const dims of ALL_DIMS) {
      const part = partKey(dims, version, p.administration_mode, p.month, p.language);
      const byValue = counts[dims - 1] as Map<string, number>;
      const byBin = counts[dims - 1 + BINNED] as Map<string, number>;
      const k1 = `${answer}\u0003${part}`;
      const k2 = `${binned}\u0003${part}`;
      byValue.set(k1, (byValue.get(k1) ?? 0) + n);
      byBin.set(k2, (byBin.get(k2) ?? 0) + n);
    }
  }
  flush();
  return out;
}

/** One pair slice cell of a question in an area, as read. */
export interface PairPiece {
  area_id: string;
  difference: number | string;
  survey_version: number | string;
  administration_mode: string;
  from_month: string;
  to_month: string;
  language: string;
  n: number | string;
}

export interface PairPartMinimum {
  areaId: string;
  dims: number;
  /** Smallest positive count of pairs in one part. */
  smallest: number;
  /** Smallest positive count of pairs of one direction of change (down, none, up) in one part. */
  smallestByWay: number;
}

/** Per area and set of dimensions, the smallest pieces of one question's pairs (in key order, by area). */
export function pairPartMinimums(pieces: readonly PairPiece[]): PairPartMinimum[] {
  const out: PairPartMinimum[] = [];
  let areaId: string | undefined;
  let counts = emptyCounts();
  const flush = () => {
    if (areaId === undefined) return;
    for (const dims of ALL_DIMS) {
      const smallest = smallestPositive(counts[dims - 1] as Map<string, number>);
      if (smallest === Number.POSITIVE_INFINITY) continue;
      out.push({
        areaId,
        dims,
        smallest,
        smallestByWay: smallestPositive(counts[dims - 1 + BINNED] as Map<string, number>),
      });
    }
  };
  for (const p of pieces) {
    const n = Number(p.n);
    if (!(n > 0)) continue;
    if (p.area_id !== areaId) {
      flush();
      areaId = p.area_id;
      counts = emptyCounts();
    }
    const way = Math.sign(Number(p.difference));
    const version = String(p.survey_version);
    const months = `${p.from_month}\u0002${p.to_month}`;
    for (const dims of ALL_DIMS) {
      const part = partKey(dims, version, p.administration_mode, months, p.language);
      const whole = counts[dims - 1] as Map<string, number>;
      const byWay = counts[dims - 1 + BINNED] as Map<string, number>;
      const wayPart = `${way}\u0003${part}`;
      whole.set(part, (whole.get(part) ?? 0) + n);
      byWay.set(wayPart, (byWay.get(wayPart) ?? 0) + n);
    }
  }
  flush();
  return out;
}
