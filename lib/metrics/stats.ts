// Small descriptive statistics over number arrays: percentile (numpy "linear"), mean, sample stdev,
// median and helpers. Missing values (null, NaN) are skipped; an empty input gives null.

/** Finite numbers of `values`, skipping null, NaN and ±Infinity. */
export function finiteValues(values: ReadonlyArray<number | null | undefined>): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  return out;
}

/** The finite values of the first n of `values`, as a new array (what percentile() reads of them). */
export function finitePrefix(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.subarray(0, k);
}

/** Ascending numeric copy of the finite values, as a Float64Array (typed-array sort is numeric). */
export function sortedFinite(values: ReadonlyArray<number | null | undefined>): Float64Array {
  const arr = Float64Array.from(finiteValues(values));
  arr.sort();
  return arr;
}

/**
 * Percentile p (0..100) of values already sorted ascending, by linear interpolation between closest ranks
 * (numpy's default method "linear", Hyndman & Fan type 7):
 *   h = (n − 1) × p / 100,  lo = ⌊h⌋,  q = x[lo] + (h − lo) × (x[lo+1] − x[lo]).
 * Reads only sorted[start, end). Returns null when the range is empty.
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
  start = 0,
  end = sorted.length,
): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within 0..100, got ${p}`);
  const n = end - start;
  if (n <= 0) return null;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[start + lo];
  if (frac === 0 || lo + 1 >= n) return a;
  return a + frac * (sorted[start + lo + 1] - a);
}

/**
 * percentileOfSorted of `values` sorted ascending, at each p, without sorting them: quickselect of the ranks
 * the interpolation reads (O(n) per rank, where a sort of a year's 10^5 points costs ~7 ms). `values` is used
 * as scratch and left permuted. NaN ranks last, as a typed-array sort puts it, so the result equals the
 * sorted-array percentile for every input.
 */
export function percentilesInPlace(values: Float64Array, ps: readonly number[]): (number | null)[] {
  for (const p of ps) if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within 0..100, got ${p}`);
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  // NaNs to the end first: comparisons with NaN are false, which quickselect's partition cannot order.
  let end = n;
  for (let i = 0; i < end; ) {
    if (Number.isNaN(values[i])) {
      end--;
      const t = values[i];
      values[i] = values[end];
      values[end] = t;
    } else i++;
  }
  // The ranks needed, ascending: each selection leaves everything after its rank ≥ it, so the next one
  // selects within what follows.
  const ranks = new Set<number>();
  for (const p of ps) {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    ranks.add(lo);
    if (h - lo !== 0 && lo + 1 < n) ranks.add(lo + 1);
  }
  const at = new Map<number, number>();
  let from = 0;
  for (const k of [...ranks].sort((a, b) => a - b)) {
    if (k >= end) {
      at.set(k, NaN);
      continue;
    }
    selectRank(values, k, from, end - 1);
    at.set(k, values[k]);
    from = k + 1;
  }
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    const frac = h - lo;
    const a = at.get(lo)!;
    if (frac === 0 || lo + 1 >= n) return a;
    return a + frac * (at.get(lo + 1)! - a);
  });
}

/** Rearrange a[left..right] (no NaN) so a[k] holds its k-th smallest, smaller ones before it and larger after. */
function selectRank(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    // median of three as the pivot, moved to a[left]
    const mid = (left + right) >> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    swap(a, left, mid);
    const pivot = a[left];
    // Hoare partition: a[left+1..j] ≤ pivot ≤ a[j+1..right]
    let i = left;
    let j = right + 1;
    for (;;) {
      do i++;
      while (i <= right && a[i] < pivot);
      do j--;
      while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, left, j);
    if (j === k) return;
    if (j < k) left = j + 1;
    else right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Percentile p (0..100) of the finite values, linear interpolation as in percentileOfSorted. */
export function percentile(values: ReadonlyArray<number | null | undefined>, p: number): number | null {
  return percentileOfSorted(sortedFinite(values), p);
}

/** Median = percentile 50. */
export function median(values: ReadonlyArray<number | null | undefined>): number | null {
  return percentile(values, 50);
}

/** Sum of the finite values (0 for none). */
export function sum(values: ReadonlyArray<number | null | undefined>): number {
  let s = 0;
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) s += v;
  return s;
}

/** Arithmetic mean Σx / n of the finite values; null when there are none. */
export function mean(values: ReadonlyArray<number | null | undefined>): number | null {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (typeof v === "number" && Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? null : s / n;
}

/** Sample standard deviation √(Σ(x − x̄)² / (n − 1)) of the finite values; null when n < 2. */
export function stdev(values: ReadonlyArray<number | null | undefined>): number | null {
  const xs = finiteValues(values);
  const n = xs.length;
  if (n < 2) return null;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (n - 1));
}

/** Largest finite value; null when there are none. */
export function maxOrNull(values: ReadonlyArray<number | null | undefined>): number | null {
  let best: number | null = null;
  for (const v of values) if (typeof v === "number" && Number.isFinite(v) && (best === null || v > best)) best = v;
  return best;
}

/** Smallest finite value; null when there are none. */
export function minOrNull(values: ReadonlyArray<number | null | undefined>): number | null {
  let best: number | null = null;
  for (const v of values) if (typeof v === "number" && Number.isFinite(v) && (best === null || v < best)) best = v;
  return best;
}

/** part / whole, or null when whole is 0 (a share of nothing is unknown, not 0). */
export function shareOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
