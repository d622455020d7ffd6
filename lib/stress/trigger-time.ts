// Where in time a liquidation happens between two steps, and which stored book it walks.
import type { EvidenceBook, ResolvedPosition } from "./types";

/**
 * The earliest time in (lo, hi] at which `triggered` holds, to within one second, given that it holds at hi
 * and did not at lo (the previous step). A gap is found at its own time; a ramp where it crosses the
 * trigger. At the first step (lo < 0) it is hi.
 */
export function firstTrigger(lo: number, hi: number, triggered: (t: number) => boolean): number {
  if (lo < 0) return hi;
  let a = lo;
  let b = hi;
  while (b - a > 1 / 3600) {
    const m = (a + b) / 2;
    if (triggered(m)) b = m;
    else a = m;
  }
  return b;
}

/** The book a liquidation at hour h walks: in a replay the latest stored one at or before h, else the position's. */
export function bookAt(p: ResolvedPosition, h: number): EvidenceBook | null {
  let best: EvidenceBook | null = null;
  for (const b of p.replayBooks ?? []) if (b.hours <= h) best = b.book;
  return best ?? p.replayBooks?.[0]?.book ?? p.book;
}
