// Re-score and re-rank scorecard rows in the browser for the user's weights: the rows carry each venue's
// weight-independent scoring input, so moving a weight needs no server round trip. Also the rank range each
// venue takes when any one weight moves by ±5 points (rankStability).
import { rankStability, rankVenues, scoreVenue, type RankGroup, type VenueScore } from "../scoring";
import type { Weights } from "../scoring/items";
import { rankGroupOf, type ScorecardRowView } from "../views/scorecard";

export interface RankedRow {
  row: ScorecardRowView;
  score: VenueScore;
  rank: number | null;
  /** Real venues and simulated (demo) venues are ranked apart. */
  group: RankGroup;
  /** No total (insufficient data): listed after the group's scored venues, unranked. */
  insufficient: boolean;
  /** Best and worst rank under ±5-point moves of any one weight. */
  minRank: number | null;
  maxRank: number | null;
}

export function rerank(rows: readonly ScorecardRowView[], weights: Weights): RankedRow[] {
  const scores = rows.map((r) => scoreVenue(r.input, weights));
  const groupOf = (row: ScorecardRowView): RankGroup => rankGroupOf(row.venue.provenance);
  const ranking = new Map(rankVenues(scores.map((s, i) => ({ ...s, group: groupOf(rows[i]) }))).map((r) => [r.venue, r]));
  const stability = new Map(rankStability(rows.map((r) => ({ ...r.input, group: groupOf(r) })), weights).map((s) => [s.venue, s]));
  return rows
    .map((row, i) => {
      const st = stability.get(row.input.venue);
      const r = ranking.get(row.input.venue);
      return { row, score: scores[i], rank: r?.rank ?? null, group: groupOf(row), insufficient: r?.insufficient ?? true, minRank: st?.minRank ?? null, maxRank: st?.maxRank ?? null };
    })
    .sort((a, b) => (a.group === b.group ? 0 : a.group === "real" ? -1 : 1) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.row.venue.name.localeCompare(b.row.venue.name));
}

/** Items with data / items on the checklist. */
export function itemsWithData(score: VenueScore): number {
  return score.items.filter((i) => i.status === "scored").length;
}
