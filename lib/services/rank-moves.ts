// Rank moves on the default scorecard (the home page without parameters: default notional, window, asset and
// weights), real and simulated venues each in their own ranking. The last ranking of each group is kept in
// RankSnapshot with the newest ingest run id it was computed at; a check computes the ranking again only when
// a run has happened since (and, for the collector, no more often than `minIntervalMs`), records each venue that
// moved 2+ places as a change event, and moves the snapshot on — in one transaction. The first ranking of a
// group records nothing. Called after ingests (CLI, collector, bootstrap), never on a request path.
import "server-only";
import type { Db } from "../db";
import { rankMoves, rankMoveSummary, type Ranking } from "../scoring/rank-moves";
import type { RankGroup } from "../scoring";
import { recordChangeEvent } from "../store/change-events";
import { ScorecardQuery } from "../views/scorecard";
import { getScorecard } from "./scorecard";

export interface RankCheckResult {
  /** False when nothing ran since the last check (or the last check is younger than minIntervalMs). */
  checked: boolean;
  /** Rank-move events recorded by this check. */
  events: number;
  reason: string;
}

const GROUPS: RankGroup[] = ["real", "simulated"];

function parseRanks(json: string): Ranking {
  try {
    return JSON.parse(json) as Ranking;
  } catch {
    return {};
  }
}

export async function checkRankMoves(db: Db, opts: { now?: () => number; minIntervalMs?: number } = {}): Promise<RankCheckResult> {
  const now = opts.now ?? Date.now;
  const latest = await db.ingestRun.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  if (!latest) return { checked: false, events: 0, reason: "no data stored yet" };
  const snapshots = await db.rankSnapshot.findMany();
  if (snapshots.length === GROUPS.length && snapshots.every((s) => s.runId >= latest.id)) return { checked: false, events: 0, reason: "no ingest run since the last ranking" };
  const youngest = Math.max(0, ...snapshots.map((s) => s.computedAt.getTime()));
  if (snapshots.length && opts.minIntervalMs && now() - youngest < opts.minIntervalMs) return { checked: false, events: 0, reason: "ranked less than the minimum interval ago" };

  // The default view, simulated venues included: they are ranked in their own group, so real ranks are the same.
  const rows = await getScorecard(db, { ...ScorecardQuery.parse({}), includeSimulated: true });
  const venues = new Map((await db.venue.findMany({ select: { id: true, slug: true, provenance: true } })).map((v) => [v.slug, v]));
  const at = now();
  let events = 0;
  try {
    await db.$transaction(async (tx) => {
      for (const group of GROUPS) {
        const after: Record<string, number | null> = Object.fromEntries(rows.filter((r) => r.group === group).map((r) => [r.venue.slug, r.rank]));
        const stored = snapshots.find((s) => s.group === group);
        for (const m of stored ? rankMoves(parseRanks(stored.ranks), after) : []) {
          const v = venues.get(m.venue);
          if (!v) continue;
          const isNew = await recordChangeEvent(tx, {
            summary: rankMoveSummary(m, group),
            details: { group, before: { rank: m.fromRank }, after: { rank: m.toRank }, places: m.places, view: "default scorecard" },
            venueId: v.id,
            kind: "rank-move",
            subject: null,
            occurredAt: at,
            detectedAt: at,
            provenance: v.provenance,
            dedupeKey: `rank-move|${group}|${stored!.runId}->${latest.id}|${m.venue}`,
            ingestRunId: null,
          });
          if (isNew) events++;
        }
        const data = { ranks: JSON.stringify(after), runId: latest.id, computedAt: new Date(at) };
        await tx.rankSnapshot.upsert({ where: { group }, create: { group, ...data }, update: data });
      }
    });
  } catch (err) {
    // Another process stored the first snapshot of a group at the same moment (unique group): its check stands.
    if ((err as { code?: unknown }).code === "P2002") return { checked: false, events: 0, reason: "another process ranked at the same time" };
    throw err;
  }
  return { checked: true, events, reason: snapshots.length ? "ranked again after new ingest runs" : "first ranking stored (nothing to compare)" };
}
