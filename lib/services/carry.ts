// Funding carry of a position: loads a market's settled funding (bounded), its cap and its stress windows, and
// computes with lib/metrics/carry.ts; one market (venue page, CLI, /api/carry) or one asset across venues (compare).
import "server-only";
import type { Db } from "../db";
import { cumulativeCarry, rollingCarry, stressCarry, type CarryPosition } from "../metrics/carry";
import { fundingDispersion, type VenueFunding } from "../metrics/funding-dispersion";
import { predictionError, type PredictionError } from "../metrics/funding-prediction";
import type { FundingPoint } from "../metrics/types";
import { resolveWindow, windowKey } from "../views/windows";
import { MAX_CARRY_POINTS, MAX_CARRY_RECORDS, MAX_DISPERSION_RUNS, type AssetCarryRequest, type AssetCarryRow, type AssetCarryView, type MarketCarryRequest, type MarketCarryView } from "../views/carry";
import { NotFoundError } from "./errors";
import { cachedFigure, venueOfMarket } from "./figure-cache";
import { getMarketFigures, thin } from "./market-figures";
import { predictedSettlements } from "./market-data";

/** Bump when the carry's computation or shape changes. */
export const CARRY_VERSION = 4;

type MarketRow = { id: number; symbol: string; fundingCapRate: number | null; fundingFloorRate: number | null; fundingIntervalHours: number | null; venue: { slug: string; name: string } };

/** The latest MAX_CARRY_RECORDS settled records with from < ts ≤ to, ascending; truncated when more exist. */
async function settledFunding(db: Db, marketId: number, window: { from: number; to: number }): Promise<{ points: FundingPoint[]; truncated: boolean }> {
  const rows = await db.fundingRecord.findMany({
    where: { marketId, predicted: false, fundingTime: { gt: new Date(window.from), lte: new Date(window.to) } },
    orderBy: { fundingTime: "desc" },
    take: MAX_CARRY_RECORDS + 1,
    select: { fundingTime: true, rate: true, intervalHours: true, markPrice: true, indexPrice: true, premium: true },
  });
  const truncated = rows.length > MAX_CARRY_RECORDS;
  const kept = truncated ? rows.slice(0, MAX_CARRY_RECORDS) : rows;
  return { points: kept.reverse().map((r) => ({ ts: r.fundingTime.getTime(), rate: r.rate, intervalHours: r.intervalHours, markPrice: r.markPrice, indexPrice: r.indexPrice, premium: r.premium })), truncated };
}

/**
 * The holding window: the view's window resolved against the market's settled funding span. With a preset the
 * window ends at the last settlement and starts one interval-free millisecond before the first one it should
 * hold, so "all" counts every stored settlement (a settlement pays for the interval ending at it).
 */
async function holdingWindow(db: Db, marketId: number, req: MarketCarryRequest | AssetCarryRequest) {
  const span = await db.fundingRecord.aggregate({ where: { marketId, predicted: false }, _min: { fundingTime: true }, _max: { fundingTime: true } });
  const first = span._min.fundingTime?.getTime() ?? null;
  const last = span._max.fundingTime?.getTime() ?? null;
  const w = resolveWindow(req.window, first, last);
  if (!w) return null;
  return "preset" in req.window && first !== null && w.from <= first ? { from: first - 1, to: w.to } : w;
}

async function computeMarketCarry(db: Db, market: MarketRow, req: MarketCarryRequest | AssetCarryRequest): Promise<MarketCarryView> {
  const position: CarryPosition = { side: req.side, notionalUsd: req.notionalUsd };
  const base = { venue: market.venue.slug, venueName: market.venue.name, symbol: market.symbol, side: req.side, notionalUsd: req.notionalUsd, holdDays: req.holdDays };
  const window = await holdingWindow(db, market.id, req);
  if (!window) return { ...base, window: null, summary: null, rolling: null, stress: [], points: [], truncated: false, provenance: [], capSource: null, prediction: null, entryTakerRate: null };
  const { points, truncated } = await settledFunding(db, market.id, window);
  const result = cumulativeCarry(points, position, window, { capRate: market.fundingCapRate, floorRate: market.fundingFloorRate, nominalIntervalHours: market.fundingIntervalHours });
  const { settlements, ...summary } = result;
  // Stress windows detected from the market's books over the same view window (cached figures; none without books).
  const figures = await getMarketFigures(db, market.id, req.window, req.notionalUsd);
  const stressWindows = (figures.stress?.windows ?? []).filter((s) => s.to > window.from && s.from <= window.to);
  const prov = await db.fundingRecord.groupBy({ by: ["provenance"], where: { marketId: market.id, predicted: false, fundingTime: { gt: new Date(window.from), lte: new Date(window.to) } } });
  return {
    ...base,
    window,
    summary,
    rolling: rollingCarry(points, position, req.holdDays * 24, market.fundingIntervalHours),
    stress: stressCarry(points, position, stressWindows, market.fundingIntervalHours),
    points: thin(settlements, MAX_CARRY_POINTS).map((s) => ({ ts: s.ts, rate: s.rate, intervalHours: s.intervalHours, cumulativeUsd: s.cumulativeUsd })),
    truncated,
    provenance: prov.map((p) => p.provenance).sort(),
    capSource: market.fundingCapRate ? "venue market metadata (fundingInfo)" : null,
    prediction: await predictionFigures(db, market.id, window),
    entryTakerRate: figures.fees?.takerRate ?? null,
  };
}

/** Predicted vs settled over the window, per interval (the carry panel's figure; see predictedSettlements). */
async function predictionFigures(db: Db, marketId: number, window: { from: number; to: number }): Promise<PredictionError | null> {
  const rows = await predictedSettlements(db, marketId, window, MAX_CARRY_RECORDS);
  if (rows.length === 0) return null;
  return predictionError(
    rows.map((r) => ({ fundingTime: r.fundingTime, rate: r.predictedRate, publishedAt: null, observedAt: r.observedAt })),
    rows.map((r) => ({ ts: r.fundingTime, rate: r.rate })),
  );
}

const reqKey = (req: MarketCarryRequest | AssetCarryRequest) => `${req.side}|${req.notionalUsd}|${req.holdDays}|${windowKey(req.window)}`;

/** One market's carry; NotFoundError for an unknown venue or symbol. Cached per data version. */
export async function getMarketCarry(db: Db, req: MarketCarryRequest): Promise<MarketCarryView> {
  const market = await db.market.findFirst({ where: { symbol: req.symbol, venue: { slug: req.venue } }, select: { id: true, symbol: true, fundingCapRate: true, fundingFloorRate: true, fundingIntervalHours: true, venue: { select: { slug: true, name: true } } } });
  if (!market) throw new NotFoundError(`${req.venue}: no market ${req.symbol}`);
  return cachedFigure(db, `carry-v${CARRY_VERSION}|${market.id}|${reqKey(req)}`, () => computeMarketCarry(db, market, req), await venueOfMarket(db, market.id));
}

/**
 * One asset across venues: each venue's market for the asset with the most settled funding records, its carry
 * over the same view window. Real venues only unless simulated ones are asked for (never mixed in one list).
 */
export async function getAssetCarry(db: Db, req: AssetCarryRequest): Promise<AssetCarryView> {
  const markets = await db.market.findMany({
    where: { base: req.asset, venue: { provenance: req.simulated ? "simulated" : { not: "simulated" }, ...(req.venues ? { slug: { in: req.venues } } : {}) }, funding: { some: { predicted: false } } },
    select: { id: true, symbol: true, venueId: true, fundingCapRate: true, fundingFloorRate: true, fundingIntervalHours: true, venue: { select: { slug: true, name: true } }, _count: { select: { funding: true } } },
  });
  const best = new Map<number, (typeof markets)[number]>();
  for (const m of markets) {
    const cur = best.get(m.venueId);
    if (!cur || m._count.funding > cur._count.funding) best.set(m.venueId, m);
  }
  const rows: AssetCarryRow[] = [];
  const legs: VenueFunding[] = [];
  for (const m of [...best.values()].sort((a, b) => a.venue.slug.localeCompare(b.venue.slug))) {
    const v = await cachedFigure(db, `carry-v${CARRY_VERSION}|${m.id}|${reqKey(req)}`, () => computeMarketCarry(db, m, req), m.venueId);
    rows.push({
      venue: v.venue,
      venueName: v.venueName,
      symbol: v.symbol,
      provenance: v.provenance,
      window: v.window,
      count: v.summary?.count ?? 0,
      carryUsd: v.summary?.carryUsd ?? null,
      annualized: v.summary?.annualized ?? null,
      coverage: v.summary?.coverage ?? null,
      notionalBasis: v.summary?.notionalBasis ?? null,
      intervalsHours: v.summary?.intervalsHours ?? [],
      rolling: v.rolling,
    });
    if (v.window) legs.push({ venue: v.venue, points: (await settledFunding(db, m.id, v.window)).points, takerRate: v.entryTakerRate, nominalIntervalHours: m.fundingIntervalHours });
  }
  const d = legs.length >= 2 ? fundingDispersion(legs) : null;
  const dispersion = d
    ? (({ series: _series, runs, ...rest }) => ({ ...rest, runs: [...runs].sort((a, b) => b.hours - a.hours || a.from - b.from).slice(0, MAX_DISPERSION_RUNS), runCount: runs.length, costedRuns: runs.filter((r) => r.netRate !== null).length }))(d)
    : null;
  return { asset: req.asset, side: req.side, notionalUsd: req.notionalUsd, holdDays: req.holdDays, rows, dispersion };
}
