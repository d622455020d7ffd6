// Small descriptive statistics over number arrays: percentile (numpy "linear"), mean, sample stdev,
// median and helpers. Missing values (null, NaN) are skipped; an empty input gives null.

/** Finite numbers of `values`, skipping null, NaN and ±Infinity. */
export function finiteValues(values: ReadonlyArray<number | null | undefined>): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  return out;
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
