import type { DiffSegment } from "../contract/wording-diff.ts";

/**
 * A word-level diff for wording: what a reader would mark up with a pen. Whitespace is not wording,
 * so texts are split on it and segments are joined back with single spaces. The longest common
 * subsequence is found by dynamic programming after trimming the shared start and end; past
 * `MAX_CELLS` the middle is shown as one removal and one addition rather than spending the memory.
 */
export type { DiffSegment };

const MAX_CELLS = 1_000_000;

export function diffWords(before: string, after: string): DiffSegment[] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const ops: { kind: DiffSegment["kind"]; word: string }[] = [];
  for (const word of a.slice(0, start)) ops.push({ kind: "same", word });
  ops.push(...middle(a.slice(start, endA), b.slice(start, endB)));
  for (const word of a.slice(endA)) ops.push({ kind: "same", word });
  return merge(ops);
}

function middle(a: string[], b: string[]): { kind: DiffSegment["kind"]; word: string }[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((word) => ({ kind: "added", word }));
  if (m === 0) return a.map((word) => ({ kind: "removed", word }));
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [
      ...a.map((word) => ({ kind: "removed" as const, word })),
      ...b.map((word) => ({ kind: "added" as const, word })),
    ];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], stored row by row.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const ops: { kind: DiffSegment["kind"]; word: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: "same", word: a[i] as string });
      i += 1;
      j += 1;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      ops.push({ kind: "removed", word: a[i] as string });
      i += 1;
    } else {
      ops.push({ kind: "added", word: b[j] as string });
      j += 1;
    }
  }
  for (; i < n; i += 1) ops.push({ kind: "removed", word: a[i] as string });
  for (; j < m; j += 1) ops.push({ kind: "added", word: b[j] as string });
  return ops;
}

/** Runs of one kind become one segment; within a change, removals come before additions. */
function merge(ops: { kind: DiffSegment["kind"]; word: string }[]): DiffSegment[] {
  const segments: DiffSegment[] = [];
  let pendingRemoved: string[] = [];
  let pendingAdded: string[] = [];
  const flush = () => {
    if (pendingRemoved.length) segments.push({ kind: "removed", text: pendingRemoved.join(" ") });
    if (pendingAdded.length) segments.push({ kind: "added", text: pendingAdded.join(" ") });
    pendingRemoved = [];
    pendingAdded = [];
  };
  for (const op of ops) {
    if (op.kind === "removed") pendingRemoved.push(op.word);
    else if (op.kind === "added") pendingAdded.push(op.word);
    else {
      flush();
      const last = segments[segments.length - 1];
      if (last?.kind === "same") last.text = `${last.text} ${op.word}`;
      else segments.push({ kind: "same", text: op.word });
    }
  }
  flush();
  return segments;
}

export function hasChanges(segments: DiffSegment[]): boolean {
  return segments.some((s) => s.kind !== "same");
}
