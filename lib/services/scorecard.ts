// The scorecard: for each venue, its primary market for the chosen asset, that market's figures over
// the window at the target notional, the venue's curated facts and API history -> the checklist score.
// Pages, the API, the CLI and reports all call this one function.
import "server-only";
import type { Db } from "../db";
import type { Resiliency } from "../metrics/resiliency";
import { cachedFigure, cachedScopedFigure, withRunFence } from "./figure-cache";
import { scoreVenue, rankVenues, type FactInput, type VenueScoreInput } from "../scoring";
import type { FundingInput } from "../scoring/score-venue";
import { MIN_SCORED_PREDICTIONS } from "../metrics/funding-prediction";
import { realizedStressRatio, realizedToImplied, type RealizedScoreFigure } from "../scoring/realized-inputs";
import { API_RUN_MODES, apiRunResiliency } from "../store/run-days";
import { ledgerIncidentFigure } from "./incidents";
import { getMarketFigures } from "./market-figures";
import { MAX_SAMPLED_SNAPSHOTS } from "../scoring/input-rules";
import type { MarketFigures } from "../views/market";
import { resolveWindow, windowKey, type WindowSpec } from "../views/windows";
import { fmtDay } from "../format";
import { worseSide } from "../metrics/worse-side";
import { rankGroupOf, scorecardRowView, type ScorecardParams, type ScorecardRow, type ScorecardRowView } from "../views/scorecard";

/**
 * The venue's market for an asset with the most stored snapshots (then funding records). Each candidate is
 * counted on its own (marketId, ts) index: Prisma's relation `_count` groups the whole snapshot table, ~0.3 s
 * a venue on a year of data. A venue with one market for the asset only needs to know it holds any data.
 * Cached with the figures.
 */
export async function primaryMarketOf(db: Db, venueId: number, asset: string): Promise<{ id: number; symbol: string } | null> {
  return cachedFigure(db, `pm3|${venueId}|${asset}`, async () => {
    const markets = await db.market.findMany({ where: { venueId, base: asset }, select: { id: true, symbol: true }, orderBy: { symbol: "asc" } });
    const where = (marketId: number) => ({ where: { marketId } });
    if (markets.length === 1) {
      const m = markets[0];
      const any = (await db.bookSnapshot.findFirst({ ...where(m.id), select: { id: true } })) ?? (await db.depthBandSnapshot.findFirst({ ...where(m.id), select: { id: true } })) ?? (await db.fundingRecord.findFirst({ ...where(m.id), select: { id: true } }));
      return any ? m : null;
    }
    // Level and depth-band snapshots both count as book snapshots here.
    const counted = [];
    for (const m of markets) {
      const books = (await db.bookSnapshot.count(where(m.id))) + (await db.depthBandSnapshot.count(where(m.id)));
      counted.push({ ...m, books, funding: await db.fundingRecord.count(where(m.id)) });
    }
    counted.sort((a, b) => b.books - a.books || b.funding - a.funding || a.symbol.localeCompare(b.symbol));
    const m = counted[0];
    return m && m.books + m.funding > 0 ? { id: m.id, symbol: m.symbol } : null;
  }, venueId);
}

function describe(f: MarketFigures): string {
  const w = f.window ? `${fmtDay(f.window.from)} → ${fmtDay(f.window.to)}` : "no window";
  const sampled = f.snapshots.inWindow > MAX_SAMPLED_SNAPSHOTS ? `, ${f.snapshots.sampled} sampled` : "";
  if (f.depthSource?.kind === "bands") {
    const flagged = Object.entries(f.depthSource.flagged).map(([k, v]) => `${v} ${k}`).join(", ");
    return `${f.symbol}, ${f.snapshots.inWindow} depth-band snapshots${sampled}${flagged ? ` (${flagged} left out)` : ""}, ${w}, ${f.provenance.join("+") || "no data"}; ${f.depthSource.label}`;
  }
  return `${f.symbol}, ${f.snapshots.inWindow} snapshots${sampled}, ${w}, ${f.provenance.join("+") || "no data"}`;
}

/** Turn a market's figures, facts and runs into the scoring input (worse side of buy/sell where two exist). */
export function scoreInputFrom(venue: string, notionalUsd: number, f: MarketFigures | null, facts: FactInput[], runs: Resiliency | null, unpublished: string[] = []): VenueScoreInput {
  const src = f ? describe(f) : "";
  const s = f?.slippage;
  const st = f?.stress;
  // Depth-unknown snapshots (truncated books showing less than the notional) are not observations of depth:
  // the depth sample count is scaled by the known share, so an all-truncated window has no depth data.
  const knownShare = s ? 1 - Math.max(s.buy.unknownShare ?? 0, s.sell.unknownShare ?? 0) : 1;
  const depthNote = s ? (s.buy.note ?? s.sell.note) : null;
  const ri = realizedToImplied(f?.realized, notionalUsd);
  const rs = realizedStressRatio(f?.realized, notionalUsd);
  return {
    venue,
    targetNotionalUsd: notionalUsd,
    depth: s
      ? { p50SlippageBps: worseSide(s.buy.p50Bps, s.sell.p50Bps, Math.max), beyondDepthShare: worseSide(s.buy.beyondShare, s.sell.beyondShare, Math.max), medianCapacityUsd: worseSide(s.buy.capacityMedianUsd, s.sell.capacityMedianUsd, Math.min), realizedToImplied: ri.value, source: withRealized(depthNote ? `${src}; ${depthNote}` : src, ri), sampleCount: Math.floor(f!.snapshots.inWindow * knownShare), ...(depthNote ? { missing: depthNote } : {}), ...(ri.missing ? { missingInputs: { realizedToImplied: ri.missing } } : {}) }
      : null,
    stress: st && st.windows.length > 0
      ? { p95Ratio: worseSide(st.buy.p95Ratio, st.sell.p95Ratio, Math.max), beyondDepthShareInStress: worseSide(st.buy.insideBeyondShare, st.sell.insideBeyondShare, Math.max), realizedStressRatio: rs.value, source: withRealized(`${src}; ${st.windows.length} stress windows detected`, rs), sampleCount: Math.min(st.buy.insideCount, st.sell.insideCount), ...(rs.missing ? { missingInputs: { realizedStressRatio: rs.missing } } : {}) }
      : null,
    funding: f?.funding ? fundingInput(f.symbol, f.funding) : null,
    liquidation: f?.liquidations || f?.insurance
      ? { insuranceToOi: f.insurance?.toOi ?? null, largestCascadeToOi: f.liquidations?.largestCascadeToOi ?? null, source: `${f.symbol}, ${f.liquidations?.count ?? 0} liquidations` }
      : null,
    // The all-in cost carries the book's p50 slippage, so it rests on as many snapshots as depth does.
    // All-in = fee + slippage + funding carry over CARRY_HOLDING_HOURS (one definition); without a funding
    // figure the carry is unknown, so the all-in cost is missing (counts 0), never "carry 0".
    fees: f?.fees ? { allInCostBps: f.allIn && f.allIn.fundingCarryBps !== null ? f.allIn.totalBps : null, changesInStress: f.fees.changes.filter((c) => c.inStress).length, source: `${f.fees.tier} tier, ${f.fees.source}`, sampleCount: f.slippage ? Math.floor(f.snapshots.inWindow * knownShare) : null } : null,
    resiliency: runs && runs.overall.finished > 0 ? { availability: runs.overall.availability, longestGapHours: runs.overall.longestGapHours, source: `${runs.overall.finished} API ingest runs` } : null,
    facts,
    unpublished,
  };
}

/** A block's source with the realized figure's bucket and prints named, when one was read. */
function withRealized(source: string, r: RealizedScoreFigure): string {
  return r.bucket ? `${source}; realized: ${r.bucket} sweeps` : source;
}

/** The funding block: coverage and spread of the history, 7-day carry spread, prediction error (≥ MIN_SCORED_PREDICTIONS matches). */
function fundingInput(symbol: string, fu: NonNullable<MarketFigures["funding"]>): FundingInput {
  const p = fu.prediction ?? null;
  const predictionMae = p && p.matched >= MIN_SCORED_PREDICTIONS ? p.maeAnnualized : null;
  const missingInputs: Record<string, string> = {};
  if (!fu.carry7d) missingInputs.carrySpread7d = "no complete 7-day holding window in the funding history";
  if (predictionMae === null) missingInputs.predictionMae = p ? `${p.matched} predicted rates matched to a settlement (scored from ${MIN_SCORED_PREDICTIONS})` : "no stored predicted rate matched to a settlement";
  return {
    coverage: fu.coverage,
    annualizedStdev: fu.stdevAnnualizedSimple,
    carrySpread7d: fu.carry7d?.spread ?? null,
    predictionMae,
    source: `${symbol}, ${fu.count} funding records${p ? `, ${p.matched} predictions matched` : ""}`,
    sampleCount: fu.count,
    ...(Object.keys(missingInputs).length ? { missingInputs } : {}),
  };
}

/** Data kinds a venue's connector says its public API does not publish (`has[kind] === false`). */
export function unpublishedKinds(capabilities: string): string[] {
  try {
    const has = (JSON.parse(capabilities) as { has?: Record<string, boolean> }).has ?? {};
    return Object.entries(has).filter(([, v]) => v === false).map(([k]) => k);
  } catch {
    return [];
  }
}

/**
 * Curated facts as scoring input, in key order by code unit: the order SQLite's (venueId, key) index
 * returned them in, kept on PostgreSQL (no inherent row order, collation-dependent ORDER BY on text).
 */
export function factInputs(facts: { key: string; status: string; value: string; sourceUrl: string | null; note: string | null }[]): FactInput[] {
  return [...facts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((f) => ({ key: f.key, status: f.status === "known" ? "known" : "unknown", value: f.value, source: f.sourceUrl ?? f.note }));
}

/** Resiliency over the market's window (or the latest API runs' window), cached like the market figures. */
export async function venueResiliency(db: Db, venueId: number, range: { from: number; to: number } | null, spec: WindowSpec): Promise<Resiliency | null> {
  return cachedScopedFigure(db, `res1|${venueId}|${range ? `${range.from}-${range.to}` : windowKey(spec)}`, async () => {
    // Over a fixed range only the runs started in it matter, not the data they wrote.
    if (range) return { value: await apiRunResiliency(db, venueId, range), scope: { data: "ignore", runsStarted: range } };
    const last = await db.ingestRun.findFirst({ where: { venueId, mode: { in: [...API_RUN_MODES] } }, orderBy: { startedAt: "desc" } });
    const r = last ? resolveWindow(spec, 0, last.startedAt.getTime()) : null;
    return { value: r ? await apiRunResiliency(db, venueId, r) : null, scope: null };
  }, venueId);
}

/**
 * A venue's scoring input for one market (its primary market on the scorecard; the chosen market on the venue
 * page) over the window at the notional: the one definition both surfaces use, so a venue shows one total.
 */
export async function venueScoreInput(
  db: Db,
  v: { id: number; slug: string; capabilities: string; facts: Parameters<typeof factInputs>[0] },
  market: { id: number } | null,
  p: { window: WindowSpec; notionalUsd: number; stressWindows?: { name: string; from: number; to: number }[] },
): Promise<{ figures: MarketFigures | null; input: VenueScoreInput }> {
  const figures = market ? await getMarketFigures(db, market.id, p.window, p.notionalUsd, p.stressWindows ?? []) : null;
  const runs = await venueResiliency(db, v.id, figures?.window ?? null, p.window);
  const input = scoreInputFrom(v.slug, p.notionalUsd, figures, factInputs(v.facts), runs, unpublishedKinds(v.capabilities));
  // The incident ledger, read over the 12 months before the scored window's end (the market's window, else the
  // API runs' window); a venue without a ledger file keeps the curated count fact.
  const ledger = await ledgerIncidentFigure(db, v.id, figures?.window?.to ?? runs?.window.to ?? null);
  if (ledger) Object.assign(input, { incidentWeight12m: ledger.weight, incidentSource: ledger.source, incidentMissing: ledger.missing });
  return { figures, input };
}

export async function getScorecard(db: Db, params: ScorecardParams): Promise<ScorecardRow[]> {
  // One read fence for all venues: a warm scorecard asks the database for the run state once, not per figure.
  return withRunFence(db, () => scorecardRows(db, params));
}

/** The scorecard as its pages and /api/scorecard carry it: each row's figures with their lists counted (ScorecardRowView). */
export async function getScorecardView(db: Db, params: ScorecardParams): Promise<ScorecardRowView[]> {
  return (await getScorecard(db, params)).map(scorecardRowView);
}

async function scorecardRows(db: Db, params: ScorecardParams): Promise<ScorecardRow[]> {
  const venues = await db.venue.findMany({ where: params.includeSimulated === false ? { provenance: { not: "simulated" } } : {}, include: { facts: true }, orderBy: { name: "asc" } });
  const rows: Omit<ScorecardRow, "rank" | "group">[] = [];
  for (const v of venues) {
    const market = await primaryMarketOf(db, v.id, params.asset);
    const { figures, input } = await venueScoreInput(db, v, market, params);
    rows.push({
      venue: { slug: v.slug, name: v.name, kind: v.kind, chain: v.chain, provenance: v.provenance },
      market: market ? { id: market.id, symbol: market.symbol } : null,
      figures,
      input,
      score: scoreVenue(input, params.weights),
    });
  }
  // Real and simulated venues are ranked apart; real ones are listed first, each group by rank, venues
  // with insufficient data after the group's ranked ones.
  const ranked = rankVenues(rows.map((r) => ({ ...r.score, group: rankGroupOf(r.venue.provenance) })));
  const ranks = new Map(ranked.map((r) => [r.venue, r.rank]));
  const order = new Map(ranked.map((r, i) => [r.venue, i]));
  return rows
    .map((r) => ({ ...r, rank: ranks.get(r.venue.slug) ?? null, group: rankGroupOf(r.venue.provenance) }))
    .sort((a, b) => order.get(a.venue.slug)! - order.get(b.venue.slug)!);
}
