// Compares two texts word by word: what stayed, what was added, what was removed. Pure.
//
// The texts are cut into tokens: words (letters and digits, with inner apostrophes and hyphens: "don't",
// "non-GBCS"), runs of white space, and single punctuation marks, so "cost." against "cost," marks only the
// full stop and the comma. The longest common subsequence of tokens is found with Myers' O(ND) algorithm in its
// linear-space form (the "middle snake", divide and conquer), so long texts that differ much need little memory;
// a budget of steps bounds its time (see longestCommonSubsequence).
//
// The result is a list of runs. Laying the `same` and `removed` runs end to end gives the old text back, and the
// `same` and `added` runs the new one. Between two changes, a run of nothing but white space is counted as
// changed on both sides, so "a b c" against "x y z" reads as one change, not six; and within a change the removed
// text comes before the added.

export type DiffRunKind = 'same' | 'added' | 'removed';

export interface DiffRun {
  kind: DiffRunKind;
  text: string;
}

/** How many steps the search may take, in all: a few tenths of a second at most. */
const MAX_WORK = 5_000_000;

const TOKEN = /\s+|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** The text as words, white space and punctuation marks; joined, they give the text back. */
export function tokenise(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Index pairs (in a, in b) of a longest common subsequence of two sequences of numbers, in order. */
export function longestCommonSubsequence(
  a: readonly number[],
  b: readonly number[],
  options: { maxWork?: number } = {},
): [number, number][] {
  const pairs: [number, number][] = [];
  // Steps of the search left: two long texts with little in common would otherwise take seconds. When they run
  // out, what is left to compare counts as all removed and all added: still a true account, if not the shortest.
  let work = options.maxWork ?? MAX_WORK;
  // Working arrays for the forward and backward searches, sized for the largest problem (indexed by diagonal).
  const size = a.length + b.length + 3;
  const forward = new Int32Array(2 * size + 1);
  const backward = new Int32Array(2 * size + 1);

  /** The middle snake of a[aLo, aHi) against b[bLo, bHi): its start and end, as offsets into the two ranges. */
  function middleSnake(
    aLo: number,
    aHi: number,
    bLo: number,
    bHi: number,
  ): [number, number, number, number] | null {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) === 1;
    const max = Math.ceil((n + m) / 2);
    // forward[size + k]: the furthest x on diagonal k (x - y = k) from the start;
    // backward[size + k]: the furthest x on diagonal k counted back from the end (the texts reversed)
    forward[size + 1] = 0;
    backward[size + 1] = 0;
    for (let d = 0; d <= max; d += 1) {
      work -= 2 * d + 2;
      if (work < 0) return null;
      for (let k = -d; k <= d; k += 2) {
        let x =
          k === -d || (k !== d && (forward[size + k - 1] ?? 0) < (forward[size + k + 1] ?? 0))
            ? (forward[size + k + 1] ?? 0)
            : (forward[size + k - 1] ?? 0) + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x += 1;
          y += 1;
        }
        forward[size + k] = x;
        // diagonal k forward is diagonal delta - k backward
        if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x + (backward[size + delta - k] ?? 0) >= n)
          return [x0, y0, x, y];
      }
      for (let k = -d; k <= d; k += 2) {
        let x =
          k === -d || (k !== d && (backward[size + k - 1] ?? 0) < (backward[size + k + 1] ?? 0))
            ? (backward[size + k + 1] ?? 0)
            : (backward[size + k - 1] ?? 0) + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x += 1;
          y += 1;
        }
        backward[size + k] = x;
        const kf = delta - k;
        if (!odd && kf >= -d && kf <= d && x + (forward[size + kf] ?? 0) >= n)
          // the backward snake, in forward offsets: from (n - x, m - y) to (n - x0, m - y0)
          return [n - x, m - y, n - x0, m - y0];
      }
    }
    throw new Error('word diff: no middle snake (unreachable)');
  }

  function solve(aLo: number, aHi: number, bLo: number, bHi: number): void {
    // the common start and end need no search
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      pairs.push([aLo, bLo]);
      aLo += 1;
      bLo += 1;
    }
    let tail = 0;
    while (aLo < aHi - tail && bLo < bHi - tail && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail += 1;
    const ahi = aHi - tail;
    const bhi = bHi - tail;
    if (aLo < ahi && bLo < bhi) {
      const snake = middleSnake(aLo, ahi, bLo, bhi);
      const [x0, y0, x, y] = snake ?? [0, 0, 0, 0];
      // each half is a smaller problem (after the trimming above, a middle snake never spans the whole)
      const stuck = (x0 === ahi - aLo && y0 === bhi - bLo) || (x === 0 && y === 0);
      if (snake && !stuck) {
        solve(aLo, aLo + x0, bLo, bLo + y0);
        for (let i = 0; i < x - x0; i += 1) pairs.push([aLo + x0 + i, bLo + y0 + i]);
        solve(aLo + x, ahi, bLo + y, bhi);
      }
    }
    for (let i = 0; i < tail; i += 1) pairs.push([ahi + i, bhi + i]);
  }

  solve(0, a.length, 0, b.length);
  return pairs;
}

/** Each run of the same kind as the one before it joined to it; within a change, the removed text first. */
function coalesce(runs: readonly DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const run of runs) {
    if (run.text === '') continue;
    if (run.kind === 'removed') removed += run.text;
    else if (run.kind === 'added') added += run.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.kind === 'same') last.text += run.text;
      else out.push({ kind: 'same', text: run.text });
    }
  }
  flush();
  return out;
}

/** Compares `before` with `after`, word by word. Identical texts give one `same` run (none for two empty texts). */
export function diffWords(before: string, after: string): DiffRun[] {
  const a = tokenise(before);
  const b = tokenise(after);
  // tokens as numbers, so the search compares integers
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = ids.size;
      ids.set(token, id);
    }
    return id;
  };
  const pairs = longestCommonSubsequence(a.map(idOf), b.map(idOf));

  const runs: DiffRun[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...pairs, [a.length, b.length] as [number, number]]) {
    runs.push({ kind: 'removed', text: a.slice(i, ai).join('') });
    runs.push({ kind: 'added', text: b.slice(j, bj).join('') });
    if (ai < a.length) runs.push({ kind: 'same', text: a[ai] ?? '' });
    i = ai + 1;
    j = bj + 1;
  }
  const merged = coalesce(runs);

  // white space alone between two changes belongs to the change
  const isChange = (run: DiffRun | undefined) => run !== undefined && run.kind !== 'same';
  const cleaned = merged.flatMap((run, index): DiffRun[] =>
    run.kind === 'same' &&
    /^\s+$/.test(run.text) &&
    isChange(merged[index - 1]) &&
    isChange(merged[index + 1])
      ? [
          { kind: 'removed', text: run.text },
          { kind: 'added', text: run.text },
        ]
      : [run],
  );
  return coalesce(cleaned);
}

/** Whether the comparison found any change. */
export function hasChanges(runs: readonly DiffRun[]): boolean {
  return runs.some((run) => run.kind !== 'same');
}
