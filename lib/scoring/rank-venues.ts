// Ranking of scored venues (real and simulated apart, ties shared, no total → unranked at the end) and rank
// stability under one-at-a-time weight perturbations. Pure.
import { DEFAULT_WEIGHTS, ITEM_IDS, type Weights } from "./items";
import { combineItems, resolveWeights, scoreItems, type VenueScore, type VenueScoreInput } from "./score-venue";

/** Real venues and simulated (demo) venues are ranked apart, never in one list. */
export type RankGroup = "real" | "simulated";

export interface RankedVenue {
  venue: string;
  total: number | null;
  group: RankGroup;
  /** Competition ranking (1, 1, 3 …) by total within the group, highest first; null without a total. */
  rank: number | null;
  /** No total (insufficient data): listed after every scored venue of the group, unranked. */
  insufficient: boolean;
}

const TIE_EPS = 1e-9;

/**
 * Rank venues within each group (real, simulated) by total, highest first; ties (within 1e-9) share a rank;
 * venues without a total (insufficient data) come after all scored ones, unranked. Output: real first.
 */
export function rankVenues(scores: readonly (Pick<VenueScore, "venue" | "total"> & { group?: RankGroup })[]): RankedVenue[] {
  const out: RankedVenue[] = [];
  for (const group of ["real", "simulated"] as const) {
    const sorted = scores
      .filter((s) => (s.group ?? "real") === group)
      .sort((a, b) => {
        if (a.total === null && b.total === null) return a.venue.localeCompare(b.venue);
        if (a.total === null) return 1;
        if (b.total === null) return -1;
        return b.total - a.total || a.venue.localeCompare(b.venue);
      });
    const start = out.length;
    for (let i = 0; i < sorted.length; i++) {
      const s = sorted[i];
      let rank: number | null = null;
      if (s.total !== null) {
        const prev = out[start + i - 1];
        rank = prev !== undefined && i > 0 && prev.total !== null && Math.abs(prev.total - s.total) <= TIE_EPS ? prev.rank : i + 1;
      }
      out.push({ venue: s.venue, total: s.total, group, rank, insufficient: s.total === null });
    }
  }
  return out;
}

export interface RankStability {
  venue: string;
  baseRank: number | null;
  minRank: number | null;
  maxRank: number | null;
}

/**
 * Rank stability: re-rank with each item's weight moved by +perturbation and −perturbation (clamped at 0), one
 * item at a time (2 × 7 scenarios), and report each venue's min and max rank over those and the base ranking.
 */
export function rankStability(
  inputs: readonly (VenueScoreInput & { group?: RankGroup })[],
  weights: Partial<Weights> = DEFAULT_WEIGHTS,
  perturbation = 5,
): RankStability[] {
  const base = resolveWeights(weights);
  const items = inputs.map((i) => ({ venue: i.venue, group: i.group, items: scoreItems(i) }));
  const rankWith = (w: Weights) =>
    new Map(rankVenues(items.map((v) => ({ ...combineItems(v.venue, v.items, w), group: v.group }))).map((r) => [r.venue, r.rank]));
  const baseRanks = rankWith(base);
  const out = new Map<string, RankStability>();
  for (const v of items) {
    const r = baseRanks.get(v.venue) ?? null;
    out.set(v.venue, { venue: v.venue, baseRank: r, minRank: r, maxRank: r });
  }
  for (const id of ITEM_IDS) {
    for (const delta of [perturbation, -perturbation]) {
      const ranks = rankWith({ ...base, [id]: Math.max(0, base[id] + delta) });
      for (const [venue, rank] of ranks) {
        const s = out.get(venue)!;
        if (rank === null) continue;
        s.minRank = s.minRank === null ? rank : Math.min(s.minRank, rank);
        s.maxRank = s.maxRank === null ? rank : Math.max(s.maxRank, rank);
      }
    }
  }
  return [...out.values()];
}
