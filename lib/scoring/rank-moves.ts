// Rank moves between two rankings of one group (the default scorecard view, taken at two times): the venues that
// moved by at least `minPlaces`. Pure. A venue ranked only once (new, removed, or without a total on one side)
// is not a move, and the others are compared among the venues ranked both times, so a venue joining at the top
// does not count as everyone else moving down one. Ties share a place (competition ranking, like rankVenues).

/** Venue slug → rank (null: listed but unranked, insufficient data). */
export type Ranking = Readonly<Record<string, number | null>>;

export interface RankMove {
  venue: string;
  /** Ranks as the scorecard showed them. */
  fromRank: number;
  toRank: number;
  /** Places gained among the venues ranked both times (negative: lost). */
  places: number;
}

export const RANK_MOVE_MIN_PLACES = 2;

/** Competition place of each venue among `venues` by rank (1, 1, 3 …). */
function places(ranking: Ranking, venues: readonly string[]): Map<string, number> {
  return new Map(venues.map((v) => [v, 1 + venues.filter((u) => ranking[u]! < ranking[v]!).length]));
}

export function rankMoves(before: Ranking, after: Ranking, minPlaces = RANK_MOVE_MIN_PLACES): RankMove[] {
  const ranked = (r: Ranking, v: string) => typeof r[v] === "number" && Number.isFinite(r[v]);
  const common = Object.keys(after).filter((v) => ranked(after, v) && ranked(before, v)).sort();
  const from = places(before, common);
  const to = places(after, common);
  return common
    .map((venue) => ({ venue, fromRank: before[venue]!, toRank: after[venue]!, places: from.get(venue)! - to.get(venue)! }))
    .filter((m) => Math.abs(m.places) >= minPlaces)
    .sort((a, b) => Math.abs(b.places) - Math.abs(a.places) || a.venue.localeCompare(b.venue));
}

export function rankMoveSummary(m: RankMove, group: string): string {
  const dir = m.places > 0 ? "up" : "down";
  return `rank ${m.fromRank} → ${m.toRank} (${dir} ${Math.abs(m.places)} among ${group} venues, default scorecard)`;
}
