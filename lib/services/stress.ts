// The stress-test service: resolves a portfolio against the stored markets, books, funding and margin rules,
// builds a replay path from a stored stress window, and runs lib/stress. Pages, the API and the CLI call this.
import "server-only";
import type { Db } from "../db";
import { decodeLevels } from "../books/level-codec";
import { detectStressWindows } from "../metrics/stress";
import { Portfolio, type PortfolioInput } from "../stress/portfolio";
import type { ReplayPath } from "../stress/path";
import { runStress } from "../stress/run-stress";
import { MAX_HORIZON_HOURS, namedScenario, NAMED_SCENARIOS, Scenario, stressWorkProblem, type ScenarioInput } from "../stress/scenario";
import type { EvidenceBook, Provenance, ResolvedAccount, ResolvedCollateral, ResolvedPosition } from "../stress/types";
import { loadVenueMarginRules } from "./margin-rules";
import { cachedFigure } from "./figure-cache";
import { midSpreadSeriesFor } from "./market-data";
import { HOUR_MS } from "../metrics/time";
import type { ReplayWindow, StressEvidence, StressRun } from "../views/stress";

/** A portfolio or scenario that cannot be run as given: answered as 422 with the field named. */
export class StressInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Settlement assets counted at 1 USD. */
export const USD_ASSETS = new Set(["USD", "USDT", "USDC", "DAI", "FDUSD", "BUSD", "USDE", "TUSD", "PYUSD", "USDB"]);

const MAX_REPLAY_BOOKS = 200;
const REPLAY_LOOKBACK_DAYS = 90;

type MarketRow = Awaited<ReturnType<typeof marketsOf>>[number];
const marketsOf = (db: Db, venueId: number) => db.market.findMany({ where: { venueId }, orderBy: { id: "asc" } });

async function latestBook(db: Db, marketId: number, atOrBefore: number | null): Promise<EvidenceBook | null> {
  const row = await db.bookSnapshot.findFirst({
    where: { marketId, ...(atOrBefore === null ? {} : { ts: { lte: new Date(atOrBefore) } }) },
    orderBy: { ts: "desc" },
  });
  return row ? evidenceBook(row) : null;
}

function evidenceBook(row: { ts: Date; bids: Uint8Array; asks: Uint8Array; midPrice: number; truncated: boolean; provenance: string }): EvidenceBook {
  return { ts: row.ts.getTime(), bids: decodeLevels(row.bids), asks: decodeLevels(row.asks), midPriceUsd: row.midPrice, truncated: row.truncated, provenance: row.provenance as Provenance };
}

/** The market a position names: the venue's symbol, or for a bare asset its USD-margined linear perp with the latest book. */
async function pickMarket(db: Db, markets: MarketRow[], name: string): Promise<MarketRow | null> {
  const exact = markets.find((m) => m.symbol.toUpperCase() === name.toUpperCase());
  if (exact) return exact;
  const asset = name.toUpperCase();
  const candidates = markets.filter((m) => m.base.toUpperCase() === asset && m.active);
  if (candidates.length === 0) return null;
  const ranked = await Promise.all(
    candidates.map(async (m) => {
      const last = await db.bookSnapshot.findFirst({ where: { marketId: m.id }, orderBy: { ts: "desc" }, select: { ts: true } });
      const usdQuoted = USD_ASSETS.has(m.settle.toUpperCase()) || USD_ASSETS.has(m.quote.toUpperCase());
      return { m, score: (m.contractType === "linear" ? 2 : 0) + (usdQuoted ? 1 : 0), last: last?.ts.getTime() ?? -1 };
    }),
  );
  ranked.sort((a, b) => b.score - a.score || b.last - a.last);
  return ranked[0].m;
}

/** Parse "marketId:from-to" or "from-to" (epoch ms). */
function parseWindowId(id: string): { marketId: number | null; from: number; to: number } | null {
  // At most 10 digits of market id and 15 of epoch ms: a longer number is no row and no time a Date holds.
  const m = /^(?:(\d{1,10}):)?(\d{1,15})-(\d{1,15})$/.exec(id.trim());
  if (!m) return null;
  const from = Number(m[2]);
  const to = Number(m[3]);
  return to > from ? { marketId: m[1] ? Number(m[1]) : null, from, to } : null;
}

/** Stress windows detected in the stored books (last 90 days of each market), largest move first. */
export async function listReplayWindows(db: Db, opts: { venues?: string[]; marketIds?: number[]; limit?: number } = {}): Promise<ReplayWindow[]> {
  const markets = await db.market.findMany({
    where: { ...(opts.venues ? { venue: { slug: { in: opts.venues } } } : {}), ...(opts.marketIds ? { id: { in: opts.marketIds } } : {}) },
    orderBy: { id: "asc" },
    include: { venue: { select: { slug: true, name: true } } },
  });
  const out: ReplayWindow[] = [];
  for (const m of markets) {
    // Detection reads every stored mid of 90 days: cached per market until its venue's next ingest run.
    const windows = await cachedFigure(db, `replay-windows:v1:${m.id}`, async () => {
      const last = await db.bookSnapshot.findFirst({ where: { marketId: m.id }, orderBy: { ts: "desc" }, select: { ts: true } });
      if (!last) return [];
      const to = last.ts.getTime();
      const series = await midSpreadSeriesFor(db, m.id, { from: to - REPLAY_LOOKBACK_DAYS * 24 * HOUR_MS, to });
      if (series.length < 20) return [];
      return detectStressWindows(series).windows.map((w) => ({ from: w.from, to: w.to, peakMoveBps: w.peakMoveBps ?? null }));
    }, m.venueId);
    for (const w of windows) {
      const day = new Date(w.from).toISOString().slice(0, 16).replace("T", " ");
      const hours = (w.to - w.from) / HOUR_MS;
      out.push({
        id: `${m.id}:${w.from}-${w.to}`, from: w.from, to: w.to, venueSlug: m.venue.slug, venueName: m.venue.name, symbol: m.symbol, asset: m.base.toUpperCase(),
        peakMoveBps: w.peakMoveBps, provenance: m.provenance as Provenance,
        label: `${m.venue.name} ${m.symbol} ${day} UTC, ${hours.toFixed(1)} h${w.peakMoveBps ? `, peak move ${(w.peakMoveBps / 100).toFixed(1)} %` : ""} (${m.provenance})`,
      });
    }
  }
  return out.sort((a, b) => (b.peakMoveBps ?? 0) - (a.peakMoveBps ?? 0)).slice(0, opts.limit ?? 30);
}

/** A scenario from a name in the library, or a scenario object; throws a StressInputError naming what is wrong. */
export function resolveScenario(input: string | ScenarioInput): Scenario {
  if (typeof input === "string") {
    const s = namedScenario(input);
    if (!s) throw new StressInputError("scenario", `unknown scenario "${input}"; built-in: ${Object.keys(NAMED_SCENARIOS).join(", ")}`);
    return s;
  }
  return Scenario.parse(input);
}

function thinBooks<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

/** Resolve, replay and run. `portfolioInput` and `scenarioInput` are validated here. */
export async function runStressTest(db: Db, portfolioInput: PortfolioInput | Portfolio, scenarioInput: string | ScenarioInput): Promise<StressRun> {
  const portfolio = Portfolio.parse(portfolioInput);
  let scenario = resolveScenario(scenarioInput);
  const warnings: string[] = [];

  // Replay window first: books and prices are then taken at its start.
  let window: { marketId: number | null; from: number; to: number } | null = null;
  if (scenario.replayWindow) {
    window = parseWindowId(scenario.replayWindow);
    if (!window) throw new StressInputError("scenario.replayWindow", `"${scenario.replayWindow}" is not a window id ("marketId:fromMs-toMs" or "fromMs-toMs")`);
    const hours = (window.to - window.from) / HOUR_MS;
    if (hours > MAX_HORIZON_HOURS) throw new StressInputError("scenario.replayWindow", `the replay window spans ${Math.round(hours)} hours, above the ${MAX_HORIZON_HOURS}-hour horizon limit`);
    if (hours > scenario.horizonHours) scenario = { ...scenario, horizonHours: hours };
  }
  // Work limits (steps, positions × steps) after the replay window may have lengthened the horizon.
  const over = stressWorkProblem(scenario, portfolio.positions.length);
  if (over) throw new StressInputError(over.field, over.message);
  const startAt = window?.from ?? null;

  const venueSlugs = [...new Set(portfolio.positions.map((p) => p.venue))];
  const venues = await db.venue.findMany({ where: { slug: { in: venueSlugs } } });
  const accounts: ResolvedAccount[] = [];
  const evidence: StressEvidence = { positions: [], collateral: [], replay: null, warnings };
  const replay: Record<string, ReplayPath> = {};
  const replayAssets: Record<string, { venueSlug: string; symbol: string; points: number } | null> = {};

  for (const slug of venueSlugs) {
    const venue = venues.find((v) => v.slug === slug);
    const firstIndex = portfolio.positions.findIndex((p) => p.venue === slug);
    if (!venue) throw new StressInputError(`positions.${firstIndex}.venue`, `unknown venue "${slug}"`);
    const markets = await marketsOf(db, venue.id);
    const rules = await loadVenueMarginRules(db, slug);
    const positions: ResolvedPosition[] = [];

    for (const [i, p] of portfolio.positions.entries()) {
      if (p.venue !== slug) continue;
      const market = await pickMarket(db, markets, p.market);
      if (!market) throw new StressInputError(`positions.${i}.market`, `${venue.name} has no stored market "${p.market}" (give its symbol or base asset)`);
      const asset = market.base.toUpperCase();
      const table = rules.markets[market.symbol] ?? rules.markets["*"];
      if (!table || table.tiers.length === 0) {
        throw new StressInputError(`positions.${i}.market`, `no margin rules stored for ${venue.name} ${market.symbol}: ingest them (venuescope ingest --venue ${slug} --kinds margin) or add a curated file`);
      }
      const book = await latestBook(db, market.id, startAt);
      const funding = await db.fundingRecord.findFirst({
        where: { marketId: market.id, predicted: false, ...(startAt === null ? {} : { fundingTime: { lte: new Date(startAt) } }) },
        orderBy: { fundingTime: "desc" },
      });
      let startPrice = book?.midPriceUsd ?? funding?.markPrice ?? null;
      let priceSource = book ? `stored book mid ${new Date(book.ts).toISOString()} (${book.provenance})` : funding?.markPrice ? `stored funding mark ${funding.fundingTime.toISOString()} (${funding.provenance})` : "";
      if (startPrice === null) {
        if (p.entryPrice === undefined) throw new StressInputError(`positions.${i}.entryPrice`, `no stored price for ${venue.name} ${market.symbol}: give an entry price`);
        startPrice = p.entryPrice;
        priceSource = "the portfolio's entry price (no stored price)";
        warnings.push(`${slug} ${market.symbol}: no stored price; the scenario starts from the entry price`);
      }
      const entry = p.entryPrice ?? startPrice;
      // Contract sizes: linear contracts hold contractSize base units; inverse contracts are worth contractSize USD each.
      const sizeBase =
        p.size ?? (p.contracts !== undefined
          ? market.contractType === "inverse" ? (p.contracts * market.contractSize) / entry : p.contracts * market.contractSize
          : p.notionalUsd! / entry);
      const replayBooks = window
        ? thinBooks(
            await db.bookSnapshot.findMany({ where: { marketId: market.id, ts: { gte: new Date(window.from), lte: new Date(window.to) } }, orderBy: { ts: "asc" }, select: { id: true } }),
            MAX_REPLAY_BOOKS,
          )
        : [];
      const replayEvidence = replayBooks.length
        ? (await db.bookSnapshot.findMany({ where: { id: { in: replayBooks.map((b) => b.id) } }, orderBy: { ts: "asc" } })).map((r) => ({ hours: (r.ts.getTime() - window!.from) / HOUR_MS, book: evidenceBook(r) }))
        : undefined;
      const interval = funding?.intervalHours ?? market.fundingIntervalHours ?? 8;
      const fundingSource = funding
        ? `stored settlement ${funding.fundingTime.toISOString()}: ${(funding.rate * 100).toFixed(4)} % per ${interval} h (${funding.provenance})`
        : `no stored funding: 0 unless the scenario sets it (interval ${interval} h${market.fundingIntervalHours ? ", from market metadata" : ", assumed"})`;
      if (!book) warnings.push(`${slug} ${market.symbol}: no stored book, so liquidation costs there are unknown`);
      positions.push({
        id: `${slug}:${market.symbol}:${p.side}:${i}`, venueSlug: slug, symbol: market.symbol, asset, side: p.side, sizeBase,
        entryPriceUsd: entry, startPriceUsd: startPrice, leverage: p.leverage ?? null, isolatedMarginUsd: p.isolatedMarginUsd ?? null,
        inverseNotionalUsd: market.contractType === "inverse" ? sizeBase * entry : null,
        baselineFundingRate: funding?.rate ?? null, fundingIntervalHours: interval, fundingSource, rules: table, book, replayBooks: replayEvidence,
      });
      evidence.positions.push({
        id: positions[positions.length - 1].id, venueSlug: slug, symbol: market.symbol, asset, sizeBase, startPriceUsd: startPrice, priceSource,
        bookTs: book?.ts ?? null, bookProvenance: book?.provenance ?? null, replayBooks: replayEvidence?.length ?? 0,
        rulesSymbol: table.symbol, rulesSource: table.source, rulesProvenance: table.provenance, fundingSource,
      });
      if (window && !(`${slug}:${asset}` in replay)) {
        const series = await midSpreadSeriesFor(db, market.id, { from: window.from, to: window.to });
        if (series.length >= 2) {
          replay[`${slug}:${asset}`] = series.map((s) => ({ hours: (s.ts - window!.from) / HOUR_MS, multiplier: s.mid / series[0].mid }));
          replayAssets[`${slug}:${asset}`] = { venueSlug: slug, symbol: market.symbol, points: series.length };
        }
      }
    }

    const collateral: ResolvedCollateral[] = [];
    const settles = new Set(positions.map((p) => markets.find((m) => m.symbol === p.symbol)!.settle.toUpperCase()));
    for (const c of portfolio.collateral.filter((x) => x.venue === slug)) {
      if (USD_ASSETS.has(c.asset)) {
        collateral.push({ venueSlug: slug, asset: c.asset, amount: c.amount, startPriceUsd: 1, pathAsset: null, isSettlementAsset: settles.has(c.asset) });
        continue;
      }
      const same = markets.find((m) => m.base.toUpperCase() === c.asset);
      const any = same ?? (await db.market.findFirst({ where: { base: c.asset } }));
      const b = any ? await latestBook(db, any.id, startAt) : null;
      if (!b) throw new StressInputError("collateral", `no stored price for ${c.asset} collateral on ${slug}`);
      collateral.push({ venueSlug: slug, asset: c.asset, amount: c.amount, startPriceUsd: b.midPriceUsd, pathAsset: c.asset, isSettlementAsset: settles.has(c.asset) });
    }
    evidence.collateral.push(...collateral.map((c) => ({ venueSlug: c.venueSlug, asset: c.asset, amount: c.amount, startPriceUsd: c.startPriceUsd })));
    accounts.push({
      venueSlug: slug, venueName: venue.name, venueProvenance: venue.provenance as Provenance, chosenMode: portfolio.modes[slug] ?? "cross",
      positions, collateral, policy: rules.policy, collateralRules: rules.collateral,
    });
  }

  if (window) {
    // An asset without its own venue's prices in the window follows the same asset on any venue that has them.
    const assets = new Set(accounts.flatMap((a) => a.positions.map((p) => p.asset)));
    for (const asset of assets) {
      if (Object.keys(replay).some((k) => k.endsWith(`:${asset}`))) {
        const donor = Object.entries(replay).find(([k]) => k.endsWith(`:${asset}`))!;
        replay[asset] = donor[1];
        continue;
      }
      const other = await db.market.findMany({ where: { base: asset }, orderBy: { id: "asc" }, include: { venue: { select: { slug: true } } } });
      let found = false;
      for (const m of other) {
        const series = await midSpreadSeriesFor(db, m.id, { from: window.from, to: window.to });
        if (series.length >= 2) {
          replay[asset] = series.map((s) => ({ hours: (s.ts - window!.from) / HOUR_MS, multiplier: s.mid / series[0].mid }));
          replayAssets[asset] = { venueSlug: m.venue.slug, symbol: m.symbol, points: series.length };
          found = true;
          break;
        }
      }
      if (!found) {
        replayAssets[asset] = null;
        warnings.push(`no stored ${asset} prices in the replay window: ${asset} is held flat unless a shock moves it`);
      }
    }
    const windows = window.marketId !== null ? await listReplayWindows(db, { marketIds: [window.marketId], limit: 1000 }).then((ws) => ws.find((w) => w.id === scenario.replayWindow)) : undefined;
    evidence.replay = { window: windows ?? { from: window.from, to: window.to }, assets: replayAssets };
  }

  const result = runStress(portfolio.name, accounts, scenario, replay);
  for (const v of result.venues) warnings.push(...v.cross.warnings, ...v.isolated.warnings);
  evidence.warnings = [...new Set(warnings)];
  return { result, portfolio, evidence };
}
