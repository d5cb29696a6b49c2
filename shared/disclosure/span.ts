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
  /** The row's atoms and coefficients, in the order a map built by the same steps would list them. */
  idx: Int32Array;
  val: Float64Array;
  /** Which added vectors (by their label) this row is a combination of, and with what coefficient. */
  cidx: Int32Array;
  cval: Float64Array;
}

/** A basis's rows at one moment (`SpanBasis.snapshot`). */
export interface BasisSnapshot {
  readonly rows: readonly BasisRow[];
  readonly pivotRow: Int32Array;
}

/**
 * A dense scratch vector for one reduction: values by index, touched indices, and for each nonzero
 * entry the moment it became nonzero, so the result lists entries in the order a `Map` updated by the
 * same steps would (the checks break ties by that order, so the result is the same as before).
 */
class Scratch {
  values = new Float64Array(256);
  stamps = new Float64Array(256);
  /**
   * Every index in the order it became nonzero, once per time (an index that went back to zero and
   * became nonzero again is listed again). The i-th entry got the stamp `base + i + 1`, so an entry is
   * current when its index still has that stamp: listing the current, nonzero entries in this order
   * is listing them by stamp, with no sort (docs/decisions/0044).
   */
  touched: number[] = [];
  private clock = 0;
  private base = 0;

  private grow(index: number): void {
    let size = this.values.length;
    while (size <= index) size *= 2;
    const values = new Float64Array(size);
    values.set(this.values);
    const stamps = new Float64Array(size);
    stamps.set(this.stamps);
    this.values = values;
    this.stamps = stamps;
  }

  /** Sets a nonzero value at an index that is zero now. */
  start(index: number, value: number): void {
    if (index >= this.values.length) this.grow(index);
    this.touched.push(index);
    this.values[index] = value;
    this.stamps[index] = ++this.clock;
  }

  /** `this += f × other` modulo the prime. */
  addScaled(idx: Int32Array, val: Float64Array, f: number): void {
    let values = this.values;
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i] as number;
      if (k >= values.length) {
        this.grow(k);
        values = this.values;
      }
      const old = values[k] as number;
      let next = old + ((f * (val[i] as number)) % PRIME);
      if (next >= PRIME) next -= PRIME;
      if (next === 0) values[k] = 0;
      else if (old === 0) this.start(k, next);
      else values[k] = next;
    }
  }

  /** Whether no entry is nonzero. */
  isZero(): boolean {
    for (const k of this.touched) if (this.values[k] !== 0) return false;
    return true;
  }

  /** The nonzero entries in map order, and the scratch cleared. */
  take(): { idx: Int32Array; val: Float64Array } {
    const touched = this.touched;
    let n = 0;
    for (let i = 0; i < touched.length; i++) {
      const k = touched[i] as number;
      if (this.values[k] !== 0 && this.stamps[k] === this.base + i + 1) n++;
    }
    const idx = new Int32Array(n);
    const val = new Float64Array(n);
    n = 0;
    for (let i = 0; i < touched.length; i++) {
      const k = touched[i] as number;
      if (this.values[k] !== 0 && this.stamps[k] === this.base + i + 1) {
        idx[n] = k;
        val[n++] = this.values[k] as number;
      }
    }
    this.clear();
    return { idx, val };
  }

  clear(): void {
    for (const k of this.touched) {
      this.values[k] = 0;
      this.stamps[k] = 0;
    }
    this.touched.length = 0;
    this.base = this.clock;
  }
}

/**
 * An incremental row-echelon basis. Rows are reduced by earlier rows at insertion, so reducing a
 * vector by the rows in insertion order eliminates every pivot. Rows are stored as typed arrays and
 * reduced in dense scratch vectors (docs/decisions/0034); the arithmetic and the order of every step
 * are those of the map-based version kept as the test oracle in `test/helpers/disclosure-oracle/`.
 */
export class SpanBasis {
  private rows: BasisRow[] = [];
  /** Atom → index of the row whose pivot it is (−1: none). */
  private pivotRow = new Int32Array(256).fill(-1);
  /** Row index → the reduction that last queued it. */
  private queuedBy = new Int32Array(256);
  private reduction = 0;
  private readonly row = new Scratch();
  private readonly combo = new Scratch();
  private readonly heap: number[] = [];

  constructor(private readonly meter: WorkMeter = new WorkMeter()) {}

  get rank(): number {
    return this.rows.length;
  }

  /**
   * The rows as they are now, to start another basis from later (`SpanBasis.from`). Rows never change
   * once added, so they are shared, not copied.
   */
  snapshot(): BasisSnapshot {
    return { rows: this.rows.slice(), pivotRow: this.pivotRow.slice() };
  }

  /** A basis holding exactly the rows of a snapshot, in the same order: as if rebuilt by the same adds. */
  static from(snapshot: BasisSnapshot, meter: WorkMeter = new WorkMeter()): SpanBasis {
    const basis = new SpanBasis(meter);
    basis.rows = snapshot.rows.slice();
    basis.pivotRow = snapshot.pivotRow.slice();
    return basis;
  }

  private rowOfPivot(atom: number): number {
    return atom < this.pivotRow.length ? (this.pivotRow[atom] as number) : -1;
  }

  private queue(atoms: Iterable<number>): void {
    for (const a of atoms) {
      const r = this.rowOfPivot(a);
      if (r < 0 || this.queuedBy[r] === this.reduction) continue;
      this.queuedBy[r] = this.reduction;
      heapPush(this.heap, r);
    }
  }

  /** Reduces the vector into the scratch row and combination (the caller takes or clears them). */
  private reduce(vector: SparseVector, label: number | null): void {
    this.reduction++;
    if (this.queuedBy.length < this.rows.length + 1) {
      const grown = new Int32Array(Math.max(256, 2 * (this.rows.length + 1)));
      grown.set(this.queuedBy);
      this.queuedBy = grown;
    }
    let size = 0;
    for (const [k, v] of vector) {
      const m = mod(v);
      if (m === 0) continue;
      // A vector is a map, so each atom comes once.
      this.row.start(k, m);
      size++;
    }
    if (label !== null) this.combo.start(label, 1);
    // Rows are applied in insertion order, but only those whose pivot the vector has (a row only
    // brings in pivots of later rows, so a min-heap of row indices visits each needed row once).
    this.meter.charge(1 + size);
    this.queue(this.row.touched);
    const heap = this.heap;
    while (heap.length > 0) {
      const b = this.rows[heapPop(heap)] as BasisRow;
      const c = b.pivot < this.row.values.length ? (this.row.values[b.pivot] as number) : 0;
      if (c === 0) continue;
      this.meter.charge(2 * b.idx.length + b.cidx.length);
      const f = PRIME - c;
      this.row.addScaled(b.idx, b.val, f);
      this.combo.addScaled(b.cidx, b.cval, f);
      this.queue(b.idx);
    }
  }

  /** Forgets every row after the first `rank` (rows never change once added). */
  truncate(rank: number): void {
    for (const b of this.rows.splice(rank)) this.pivotRow[b.pivot] = -1;
  }

  /** Adds a labelled vector; false when it was already in the span. */
  add(vector: SparseVector, label: number): boolean {
    try {
      this.reduce(vector, label);
    } catch (e) {
      this.row.clear();
      this.combo.clear();
      this.heap.length = 0;
      throw e;
    }
    if (this.row.isZero()) {
      this.row.clear();
      this.combo.clear();
      return false;
    }
    const { idx, val } = this.row.take();
    const { idx: cidx, val: cval } = this.combo.take();
    let at = 0;
    for (let i = 1; i < idx.length; i++) if ((idx[i] as number) < (idx[at] as number)) at = i;
    const pivot = idx[at] as number;
    const inv = inverse(val[at] as number);
    for (let i = 0; i < val.length; i++) val[i] = mul(val[i] as number, inv);
    for (let i = 0; i < cval.length; i++) cval[i] = mul(cval[i] as number, inv);
    if (pivot >= this.pivotRow.length) {
      let size = this.pivotRow.length;
      while (size <= pivot) size *= 2;
      const grown = new Int32Array(size).fill(-1);
      grown.set(this.pivotRow);
      this.pivotRow = grown;
    }
    this.pivotRow[pivot] = this.rows.length;
    this.rows.push({ pivot, idx, val, cidx, cval });
    return true;
  }

  /**
   * Null when the vector is not in the span; otherwise the labels of the added vectors with a nonzero
   * coefficient in one combination that gives it (the figures an attacker would combine).
   */
  explain(vector: SparseVector): number[] | null {
    try {
      this.reduce(vector, null);
    } catch (e) {
      this.row.clear();
      this.combo.clear();
      this.heap.length = 0;
      throw e;
    }
    const inSpan = this.row.isZero();
    this.row.clear();
    if (!inSpan) {
      this.combo.clear();
      return null;
    }
    return [...this.combo.take().idx];
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
