// Time series behind a venue page's charts: per-snapshot buy/sell slippage at one notional from an evenly
// thinned sample (at most MAX_SERIES_POINTS books are decoded — never every book), the stress windows, and
// funding annualized per record with its interval changes and the premium beside it. Cached per data version.
import "server-only";
import type { Db } from "../db";
import { samplesToList, slippageSamples } from "../metrics/slippage-series";
import { annualizeSimple, inferIntervals, premiumOf } from "../metrics/funding";
import { booksByIds, fundingPoints, midSpreadSeriesFor } from "./market-data";
import { cachedScopedFigure, venueOfMarket } from "./figure-cache";
import { getMarketFigures, marketWindows, thin } from "./market-figures";
import { CAPACITY_BUDGET_BPS, MAX_FUNDING_POINTS, MAX_SERIES_POINTS, type FundingSeriesPoint, type MarketSeries } from "../views/market";
import { windowKey, type WindowSpec } from "../views/windows";
/** Bump when the series' computation or shape changes. */
export const SERIES_VERSION = 1;

async function slippagePart(db: Db, marketId: number, window: { from: number; to: number } | null, notionalUsd: number): Promise<MarketSeries["slippage"]> {
  const empty = { points: [], inWindow: 0, sampled: 0, beyondBuy: 0, beyondSell: 0, unusable: 0, provenance: [] };
  if (!window) return empty;
  const series = await midSpreadSeriesFor(db, marketId, window);
  if (series.length === 0) return empty;
  const ids = thin(series, MAX_SERIES_POINTS).map((p) => p.id);
  const books = await booksByIds(db, ids);
  const buy = samplesToList(slippageSamples(books, notionalUsd, "buy", CAPACITY_BUDGET_BPS));
  const sell = new Map(samplesToList(slippageSamples(books, notionalUsd, "sell", CAPACITY_BUDGET_BPS)).map((s) => [s.ts, s.slippageBps]));
  const points = buy.map((b) => ({ ts: b.ts, buyBps: b.slippageBps, sellBps: sell.get(b.ts) ?? null }));
  const prov = await db.bookSnapshot.groupBy({ by: ["provenance"], where: { marketId, ts: { gte: new Date(window.from), lte: new Date(window.to) } } });
  return {
    points,
    inWindow: series.length,
    sampled: books.length,
    beyondBuy: points.filter((p) => p.buyBps === null).length,
    beyondSell: points.filter((p) => p.sellBps === null).length,
    unusable: books.length - points.length,
    provenance: prov.map((p) => p.provenance).sort(),
  };
}

async function fundingPart(db: Db, marketId: number, window: { from: number; to: number } | null): Promise<MarketSeries["funding"]> {
  if (!window) return { window: null, count: 0, points: [], intervalChanges: [], provenance: [] };
  const pts = await fundingPoints(db, marketId, window);
  const inference = inferIntervals(pts);
  const byTs = new Map(pts.map((p) => [p.ts, p]));
  const all = inference.records.map((r): FundingSeriesPoint => {
    const p = byTs.get(r.ts)!;
    const h = r.intervalHours;
    const prem = premiumOf(p);
    const known = h !== null && h > 0;
    return { ts: r.ts, rate: p.rate, intervalHours: h, aprSimple: known ? annualizeSimple(p.rate, h) : null, premiumApr: known && prem !== null ? annualizeSimple(prem, h) : null };
  });
  const prov = await db.fundingRecord.groupBy({ by: ["provenance"], where: { marketId, predicted: false, fundingTime: { gte: new Date(window.from), lte: new Date(window.to) } } });
  return { window, count: all.length, points: thin(all, MAX_FUNDING_POINTS), intervalChanges: inference.regimeChanges, provenance: prov.map((p) => p.provenance).sort() };
}

export async function computeMarketSeries(db: Db, marketId: number, spec: WindowSpec, notionalUsd: number): Promise<MarketSeries> {
  const market = await db.market.findUniqueOrThrow({ where: { id: marketId }, include: { venue: { select: { slug: true } } } });
  // The figures (cached) give the windows each kind is computed over and the detected stress windows.
  const figures = await getMarketFigures(db, marketId, spec, notionalUsd);
  const bookWindow = figures.snapshots.inWindow > 0 ? figures.window : null;
  return {
    venue: market.venue.slug,
    symbol: market.symbol,
    notionalUsd,
    window: bookWindow,
    slippage: await slippagePart(db, marketId, bookWindow, notionalUsd),
    stressWindows: figures.stress?.windows ?? [],
    stressRule: figures.stress?.rule ?? null,
    funding: await fundingPart(db, marketId, figures.funding?.window ?? null),
  };
}

/** The market with this venue slug and venue symbol, or null. */
export async function findMarket(db: Db, venueSlug: string, symbol: string) {
  return db.market.findFirst({ where: { symbol, venue: { slug: venueSlug } } });
}

/** Cached computeMarketSeries: reused until an ingest run touches what the series read (the figures' scope). */
export async function getMarketSeries(db: Db, marketId: number, spec: WindowSpec, notionalUsd: number): Promise<MarketSeries> {
  const key = `series-v${SERIES_VERSION}|${marketId}|${windowKey(spec)}|${notionalUsd}`;
  // The series reads the market's figures and the books and funding in their windows: the figures' scope.
  return cachedScopedFigure(db, key, async () => {
    const { scope } = await marketWindows(db, marketId, spec);
    return { value: await computeMarketSeries(db, marketId, spec, notionalUsd), scope };
  }, await venueOfMarket(db, marketId));
}
