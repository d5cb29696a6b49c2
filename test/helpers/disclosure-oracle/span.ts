/**
 * The release check engine as it was before docs/decisions/0034 (map-based span basis), kept unchanged
 * as the oracle the fast engine is tested against (test/shared/disclosure/fast-path.test.ts). Not used
 * in production.
 */
/**
 * Exact linear algebra for the disclosure audit: is a vector in the span of others, and which of them
 * combine to make it? Vectors are sparse (atom index → integer coefficient). Arithmetic is modulo a
 * prime below 2^26, so every product stays an exact double; a vector in the rational span is always
 * found in the modular span, and the converse fails only when the prime divides a determinant of the
 * system, which for 0/1 and small-score vectors is vanishingly unlikely (docs/decisions/0023).
 */
export const PRIME = 67108859;

export type SparseVector = ReadonlyMap<number, number>;

/** The check ran out of its work or time budget: nothing it found may be published. */
export class CheckTooLarge extends Error {
  constructor(readonly why: "work" | "time") {
    super(`The release check stopped: over its ${why} budget.`);
    this.name = "CheckTooLarge";
  }
}

/**
 * Counts elimination work (coefficient updates) and wall time, and throws `CheckTooLarge` past
 * either limit, so a release too large to audit is refused instead of holding the server.
 */
export class WorkMeter {
  spent = 0;
  private nextClock = 0;
  private readonly deadline: number;
  constructor(
    readonly maxWork: number = Number.POSITIVE_INFINITY,
    maxMs: number = Number.POSITIVE_INFINITY,
    private readonly clock: () => number = Date.now,
  ) {
    this.deadline = clock() + maxMs;
  }
  charge(n: number): void {
    this.spent += n;
    if (this.spent > this.maxWork) throw new CheckTooLarge("work");
    if (this.spent >= this.nextClock) {
      this.nextClock = this.spent + 20000;
      if (this.clock() > this.deadline) throw new CheckTooLarge("time");
    }
  }
}

const mod = (a: number) => {
  const r = a % PRIME;
  return r < 0 ? r + PRIME : r;
};
const mul = (a: number, b: number) => (a * b) % PRIME;

function inverse(a: number): number {
  let [r0, r1] = [PRIME, mod(a)];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0);
}

interface BasisRow {
  pivot: number;
  row: Map<number, number>;
  /** Which added vectors (by their label) this row is a combination of. */
  combo: Map<number, number>;
}

/** `row += f × other` in place, dropping zeros. */
function addScaled(row: Map<number, number>, other: ReadonlyMap<number, number>, f: number): void {
  for (const [k, v] of other) {
    const next = mod((row.get(k) ?? 0) + mul(f, v));
    if (next === 0) row.delete(k);
    else row.set(k, next);
  }
}

/**
 * An incremental row-echelon basis. Rows are reduced by earlier rows at insertion, so reducing a
 * vector by the rows in insertion order eliminates every pivot.
 */
export class SpanBasis {
  private rows: BasisRow[] = [];
  /** Atom → index of the row whose pivot it is. */
  private pivots = new Map<number, number>();

  constructor(private readonly meter: WorkMeter = new WorkMeter()) {}

  get rank(): number {
    return this.rows.length;
  }

  private reduce(
    vector: SparseVector,
    label: number | null,
  ): { row: Map<number, number>; combo: Map<number, number> } {
    const row = new Map<number, number>();
    for (const [k, v] of vector) {
      const m = mod(v);
      if (m !== 0) row.set(k, m);
    }
    const combo = new Map<number, number>();
    if (label !== null) combo.set(label, 1);
    // Rows are applied in insertion order, but only those whose pivot the vector has (a row only
    // brings in pivots of later rows, so a min-heap of row indices visits each needed row once).
    const heap: number[] = [];
    const queued = new Set<number>();
    const queue = (atoms: Iterable<number>) => {
      for (const a of atoms) {
        const r = this.pivots.get(a);
        if (r === undefined || queued.has(r)) continue;
        queued.add(r);
        heapPush(heap, r);
      }
    };
    this.meter.charge(1 + row.size);
    queue(row.keys());
    while (heap.length > 0) {
      const b = this.rows[heapPop(heap)] as BasisRow;
      const c = row.get(b.pivot);
      if (c === undefined) continue;
      this.meter.charge(2 * b.row.size + b.combo.size);
      const f = mod(-c);
      addScaled(row, b.row, f);
      addScaled(combo, b.combo, f);
      queue(b.row.keys());
    }
    return { row, combo };
  }

  /** Forgets every row after the first `rank` (rows never change once added). */
  truncate(rank: number): void {
    for (const b of this.rows.splice(rank)) this.pivots.delete(b.pivot);
  }

  /** Adds a labelled vector; false when it was already in the span. */
  add(vector: SparseVector, label: number): boolean {
    const { row, combo } = this.reduce(vector, label);
    if (row.size === 0) return false;
    let pivot = Number.POSITIVE_INFINITY;
    for (const k of row.keys()) if (k < pivot) pivot = k;
    const inv = inverse(row.get(pivot) ?? 1);
    for (const [k, v] of row) row.set(k, mul(v, inv));
    for (const [k, v] of combo) combo.set(k, mul(v, inv));
    this.pivots.set(pivot, this.rows.length);
    this.rows.push({ pivot, row, combo });
    return true;
  }

  /**
   * Null when the vector is not in the span; otherwise the labels of the added vectors with a nonzero
   * coefficient in one combination that gives it (the figures an attacker would combine).
   */
  explain(vector: SparseVector): number[] | null {
    const { row, combo } = this.reduce(vector, null);
    if (row.size !== 0) return null;
    return [...combo.entries()].filter(([, v]) => v !== 0).map(([k]) => k);
  }
}

function heapPush(heap: number[], x: number): void {
  let i = heap.length;
  heap.push(x);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as number;
    if (p <= x) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = x;
}

function heapPop(heap: number[]): number {
  const top = heap[0] as number;
  const last = heap.pop() as number;
  if (heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= heap.length) break;
    const r = l + 1;
    const child = r < heap.length && (heap[r] as number) < (heap[l] as number) ? r : l;
    if ((heap[child] as number) >= last) break;
    heap[i] = heap[child] as number;
    i = child;
  }
  heap[i] = last;
  return top;
}
