// A market's figures over a window at a target notional: slippage percentiles on both sides, capacity,
// stress windows and the stress/normal comparison, depth by band, the slippage-vs-notional curve,
// funding, liquidations, fees and all-in cost. Computed once per data version and cached.
import "server-only";
import type { Db } from "../db";
import { slippageSamples, summarizeSlippage, type SlippageSamples } from "../metrics/slippage-series";
import { curveDepthBandMedians, curveSlippageSamples, CURVE_BOUND_TOLERANCE } from "../metrics/curve-samples";
import type { LiquidityCurve } from "../metrics/liquidity-curve";
import { detectStressWindowsIn, mergeWindows, windowMask, STRESS_RULE, type NamedWindow, type StressWindow } from "../metrics/stress";
import { fundingStats } from "../metrics/funding";
import { liquidationStats, insuranceToOi, insuranceOverWindow } from "../metrics/liquidations";
import { allInCostBps, feeAt, feeChanges } from "../metrics/fees";
import { finitePrefix, percentilesInPlace } from "../metrics/stats";
import type { Book } from "../metrics/types";
import { CARRY_HOLDING_HOURS, MAX_SAMPLED_SNAPSHOTS } from "../scoring/input-rules";
import { CAPACITY_BUDGET_BPS, CURVE_NOTIONALS_USD, type MarketFigures } from "../views/market";
import { resolveWindow, windowKey, type WindowSpec } from "../views/windows";
import { cachedScopedFigure, venueOfMarket } from "./figure-cache";
import type { FigureScope } from "../store/touched";
import { applyBandFigures, bandCountIn, bandSnapshotsFor, bandTimeRange } from "./band-figures";
import { computeRealizedFigures } from "./realized-figures";
import { refillFromBands, refillFromCurves, MAX_REFILL_SNAPSHOTS } from "./refill-figures";
import { bookDayColumns, isTruncated, provenanceOf, type BookDayColumns } from "../store/book-days";
import { curvesById } from "../store/book-curves";
import { timeSpan } from "../store/sqlite-read";
import { booksById, bookTimeRange, feeTiers, fundingPoints, fundingProvenances, marketWithVenue, insuranceLatest, insuranceSeries, liquidationPoints, oiPoints, predictedSettlements } from "./market-data";
import { carryStability } from "../metrics/carry";
import { annualizedPredictionError } from "../metrics/funding-prediction";

/** Latest settled-with-prediction records read for the funding item's prediction error (bounds the work). */
const MAX_SCORED_PREDICTION_ROWS = 5000;

/** Bump when the figures' computation or shape changes: cached figures of another version are recomputed. */
export const FIGURES_VERSION = 11;

/** Evenly thin a list to at most n items, keeping first and last. */
export function thin<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.round((i * (items.length - 1)) / (n - 1))]);
  return out;
}

/** The book snapshots of a market's window as columns (id, time, mid, spread, levels, flags) from the day rollups. */
export async function windowColumns(db: Db, marketId: number, window: { from: number; to: number }): Promise<BookDayColumns> {
  return bookDayColumns(db, marketId, await venueOfMarket(db, marketId), window.from, window.to);
}

interface SampledIds {
  sampleIds: number[];
  insideIds: number[];
  outsideIds: number[];
  allIds: number[];
}

/** Evenly thin a list of indices (into the columns) to at most n, keeping first and last: `thin` on indices. */
function thinIndices(idx: ArrayLike<number>, len: number, n: number): number[] {
  const out: number[] = [];
  if (len <= n) {
    for (let i = 0; i < len; i++) out.push(idx[i]);
    return out;
  }
  for (let i = 0; i < n; i++) out.push(idx[Math.round((i * (len - 1)) / (n - 1))]);
  return out;
}

/**
 * The snapshots a market's figures walk: at most MAX_SAMPLED_SNAPSHOTS evenly spaced in time overall, and as
 * many inside the stress windows (and outside them, with `outside`).
 */
function sampleIds(cols: Pick<BookDayColumns, "length" | "id" | "ts">, stressWindows: readonly { from: number; to: number }[], outside: boolean): SampledIds {
  // Inside = within any window (ends included): one mask over the series (in time order; a year holds ~10^5
  // snapshots and hundreds of windows), then each list thinned by index.
  const n = cols.length;
  const mask = windowMask(cols.ts.subarray(0, n), stressWindows);
  const inside = new Uint32Array(n);
  const rest = new Uint32Array(n);
  let ni = 0;
  let nr = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 1) inside[ni++] = i;
    else rest[nr++] = i;
  }
  const idsOf = (ix: number[]) => ix.map((i) => cols.id[i]);
  const every = new Uint32Array(n);
  for (let i = 0; i < n; i++) every[i] = i;
  const sampleIds = idsOf(thinIndices(every, n, MAX_SAMPLED_SNAPSHOTS));
  const insideIds = idsOf(thinIndices(inside, ni, MAX_SAMPLED_SNAPSHOTS));
  const outsideIds = outside ? idsOf(thinIndices(rest, nr, MAX_SAMPLED_SNAPSHOTS)) : [];
  return { sampleIds, insideIds, outsideIds, allIds: [...new Set([...sampleIds, ...insideIds, ...outsideIds])] };
}

/** The sampled rows (books or curves, by snapshot id) of each id list, in the lists' time order. */
function pickById<T>(rows: ReadonlyMap<number, T>, ids: Omit<SampledIds, "allIds"> & { allIds?: number[] }) {
  const pick = (list: readonly number[]) => list.map((id) => rows.get(id)).filter((x): x is T => x !== undefined);
  return { sample: pick(ids.sampleIds), inside: pick(ids.insideIds), outside: pick(ids.outsideIds) };
}

/** The books a market's figures sample, decoded: for walks the stored curves cannot answer (another capacity budget). */
export interface SampledBooks {
  sample: Book[];
  inside: Book[];
  /** Empty unless asked for. */
  outside: Book[];
  /** Distinct snapshots decoded. */
  sampledCount: number;
}

/**
 * Sample a market's books over `window` as the figures do (sampleIds): the capacity at another budget
 * (capacity-at-budget.ts) walks these same books.
 */
export async function sampledBooks(db: Db, marketId: number, window: { from: number; to: number }, stressWindows: readonly { from: number; to: number }[], opts: { outside?: boolean } = {}): Promise<SampledBooks> {
  const ids = sampleIds(await windowColumns(db, marketId, window), stressWindows, opts.outside ?? false);
  return { ...pickById(await booksById(db, ids.allIds), ids), sampledCount: ids.allIds.length };
}

/** Slippage samples of rows of one kind: stored curves (with an interpolation bound) or decoded books (exact). */
type Walk<T> = (rows: readonly T[], notionalUsd: number, side: "buy" | "sell") => SlippageSamples & { boundBps?: number };
const curveWalk: Walk<LiquidityCurve> = (rows, n, side) => curveSlippageSamples(rows, n, side, CAPACITY_BUDGET_BPS);
const bookWalk: Walk<Book> = (rows, n, side) => slippageSamples(rows, n, side, CAPACITY_BUDGET_BPS);

/** Keeps the largest interpolation bound of the samples it passes through (0 for exact walks). */
function boundTracker() {
  const t = {
    boundBps: 0,
    take<S extends SlippageSamples & { boundBps?: number }>(s: S): S {
      t.boundBps = Math.max(t.boundBps, s.boundBps ?? 0);
      return s;
    },
  };
  return t;
}

/** The slippage figures of a market at its target notional: slippage on both sides and the stress comparison. */
function notionalFigures<T extends { ts: number }>(rows: { sample: T[]; inside: T[]; outside: T[] }, walk: Walk<T>, notionalUsd: number, stressWindows: StressWindow[]) {
  const b = boundTracker();
  // Slippage inside vs outside stress windows; ratio = inside p95 / outside p95 (as in metrics/stress).
  const stressSide = (side: "buy" | "sell") => {
    const inside = summarizeSlippage(b.take(walk(rows.inside, notionalUsd, side)));
    const outside = summarizeSlippage(b.take(walk(rows.outside, notionalUsd, side)));
    const p95Ratio = inside.p95Bps === null || outside.p95Bps === null || outside.p95Bps <= 0 ? null : inside.p95Bps / outside.p95Bps;
    return { insideP95Bps: inside.p95Bps, outsideP95Bps: outside.p95Bps, p95Ratio, insideBeyondShare: inside.beyondShare, insideCapacityP5Usd: inside.capacityP5Usd, insideCount: inside.count };
  };
  const slippage = { buy: summarizeSlippage(b.take(walk(rows.sample, notionalUsd, "buy"))), sell: summarizeSlippage(b.take(walk(rows.sample, notionalUsd, "sell"))) };
  const stress = { rule: STRESS_RULE.description, windows: stressWindows, buy: stressSide("buy"), sell: stressSide("sell") };
  const p50s = [slippage.buy.p50Bps, slippage.sell.p50Bps].filter((x): x is number => x !== null && x > 0);
  const tolerance = Math.max(CURVE_BOUND_TOLERANCE.bps, p50s.length ? CURVE_BOUND_TOLERANCE.share * Math.min(...p50s) : 0);
  return { slippage, stress, boundBps: b.boundBps, withinTolerance: b.boundBps <= tolerance };
}

/**
 * One point of the slippage-vs-notional curve (buy side): p50 over the sample, p95 outside vs inside stress (the
 * sampled snapshots inside and outside the stress windows, as sampleIds split them).
 */
function curvePoint<T extends { ts: number }>(rows: { sample: T[]; inside: T[]; outside: T[] }, walk: Walk<T>, n: number) {
  const b = boundTracker();
  const all = summarizeSlippage(b.take(walk(rows.sample, n, "buy")));
  const inside = summarizeSlippage(b.take(walk(rows.inside, n, "buy")));
  const outside = summarizeSlippage(b.take(walk(rows.outside, n, "buy")));
  return { point: { notionalUsd: n, p50Bps: all.p50Bps, p95NormalBps: outside.p95Bps, p95StressBps: inside.p95Bps, beyondShare: all.beyondShare }, boundBps: b.boundBps };
}

/** The windows a market's figures read at a window spec, each resolved from its kind's own data span. */
export interface MarketWindows {
  /** The book window (or the funding window for markets without books). */
  window: { from: number; to: number } | null;
  fundingWindow: { from: number; to: number } | null;
  liqWindow: { from: number; to: number } | null;
  /** What the figures read, for the figure cache (lib/store/touched.ts). */
  scope: FigureScope;
}

export async function marketWindows(db: Db, marketId: number, spec: WindowSpec): Promise<MarketWindows> {
  const [levelSpan, bandSpan, fSpan, lSpan, oSpan] = await Promise.all([
    bookTimeRange(db, marketId),
    bandTimeRange(db, marketId),
    timeSpan(db, "FundingRecord", "fundingTime", `"marketId" = ? AND "predicted" = ?`, [marketId, false]),
    timeSpan(db, "Liquidation", "ts", `"marketId" = ?`, [marketId]),
    timeSpan(db, "OpenInterestReading", "ts", `"marketId" = ?`, [marketId]),
  ]);
  const lo = [levelSpan.first, bandSpan.first].filter((x) => x !== null);
  const hi = [levelSpan.last, bandSpan.last].filter((x) => x !== null);
  const fFirst = fSpan.first;
  const fLast = fSpan.last;
  // Markets without books still have funding/liquidations: their window comes from the funding history.
  const bookFirst = lo.length ? Math.min(...lo) : null;
  const bookLast = hi.length ? Math.max(...hi) : null;
  const window = bookFirst !== null ? resolveWindow(spec, bookFirst, bookLast) : resolveWindow(spec, fFirst, fLast);
  // Presets count back from each kind's own latest data (recorded kinds are often years apart);
  // an explicit from/to applies to every kind alike.
  const fundingWindow = resolveWindow(spec, fFirst, fLast);
  const times = [lSpan.first, lSpan.last, oSpan.first, oSpan.last].filter((t) => t !== null);
  const liqWindow = times.length ? resolveWindow(spec, Math.min(...times), Math.max(...times)) : null;
  // Kinds left out of `data` (no data of the kind yet; venue-wide fees, insurance, market metadata) are
  // read in full: any touch of them recomputes the figures.
  const data: Extract<FigureScope["data"], object> = { margin: "ignore" };
  if (bookFirst !== null && bookLast !== null && window) data.depth = { ...window, first: bookFirst, last: bookLast };
  if (fFirst !== null && fLast !== null && fundingWindow) data.funding = { ...fundingWindow, first: fFirst, last: fLast };
  if (times.length && liqWindow) data.liquidations = data.oi = { ...liqWindow, first: Math.min(...times), last: Math.max(...times) };
  return { window, fundingWindow, liqWindow, scope: { marketId, data } };
}

/**
 * The part of a market's figures that does not depend on the notional (series, stress windows, depth, spread,
 * refill, funding, liquidations, insurance, fees, realized execution), cached on its own: a new notional then
 * recomputes only the slippage figures, from the same sampled snapshots (issue #18).
 */
interface WindowFigures {
  /** The figures with the notional's fields empty (slippage, stress comparison, curve, all-in cost). */
  base: MarketFigures;
  stressWindows: StressWindow[];
  /** Level books: the snapshots the slippage figures walk (ids, in time order). */
  sampled: { sampleIds: number[]; insideIds: number[]; outsideIds: number[] } | null;
  /** Depth-band books stand in: the notional's figures come from bands (band-figures.ts). */
  bands: boolean;
  scope: FigureScope;
}

async function computeWindowFigures(db: Db, marketId: number, spec: WindowSpec, named: readonly NamedWindow[]): Promise<{ value: WindowFigures; scope: FigureScope }> {
  const notionalUsd = 0;
  let sampled: WindowFigures["sampled"] = null;
  let bands = false;
  const market = await marketWithVenue(db, marketId);
  const { window, fundingWindow, liqWindow, scope } = await marketWindows(db, marketId, spec);
  const provenance = new Set<string>();
  const base: MarketFigures = {
    venue: market.venue.slug,
    venueName: market.venue.name,
    symbol: market.symbol,
    base: market.base,
    marketId,
    provenance: [],
    notionalUsd,
    window,
    snapshots: { inWindow: 0, sampled: 0, truncatedShare: null, maxLevels: null },
    spread: { medianBps: null, p95Bps: null },
    depthBands: [],
    depthSource: null,
    slippage: null,
    stress: null,
    curve: [],
    funding: null,
    liquidations: null,
    insurance: null,
    fees: null,
    allIn: null,
  };
  // A market with liquidations or OI but no books or funding still gets those figures below.
  const cols = window ? await windowColumns(db, marketId, window) : null;
  const points = cols?.length ?? 0;
  const detection = detectStressWindowsIn(cols ?? { length: 0, ts: [], mid: [], spreadBps: [] });
  let stressWindows = named.length ? mergeWindows(detection.windows, named) : detection.windows;
  // Depth-band books (band-figures.ts) stand in when they outnumber level books in the window: the figures
  // then come from bands alone, labelled "estimated from depth bands" (never one percentile over both kinds).
  const bandCount = window ? await bandCountIn(db, marketId, window) : 0;
  if (window && bandCount > points) {
    const { snaps, flagged } = await bandSnapshotsFor(db, marketId, window);
    // (at a placeholder notional: the notional's own band figures are computed per notional)
    stressWindows = applyBandFigures(base, snaps, flagged, 1_000_000, named);
    bands = true;
    base.refill = { ...refillFromBands(snaps, stressWindows), source: "bands" };
    provenance.add("recorded");
  } else if (window && cols && points > 0) {
    base.depthSource = { kind: "levels", label: null, method: null, flagged: {} };
    // Figures read each sampled book's stored liquidity curve (exact at grid notionals, bounded between).
    const ids = sampleIds(cols, stressWindows, true);
    sampled = { sampleIds: ids.sampleIds, insideIds: ids.insideIds, outsideIds: ids.outsideIds };
    const { sample } = pickById(await curvesById(db, ids.allIds), ids);
    const sampledCount = ids.allIds.length;
    let truncated = 0;
    let maxLevels = 0;
    // (each distinct flag value once into the provenance set, not a Set insertion per snapshot)
    const flagSeen = new Uint8Array(256);
    for (let i = 0; i < points; i++) {
      const f = cols.flags[i];
      if (isTruncated(f)) truncated++;
      flagSeen[f] = 1;
      if (cols.levels[i] > maxLevels) maxLevels = cols.levels[i];
    }
    for (let f = 0; f < 256; f++) if (flagSeen[f]) provenance.add(provenanceOf(f));
    base.snapshots = { inWindow: points, sampled: sampledCount, truncatedShare: truncated / points, maxLevels: maxLevels || null };
    // (finite spreads, as percentile() reads them; both percentiles by selection, not a sort of 10^5 values)
    const [medianBps, p95Bps] = percentilesInPlace(finitePrefix(cols.spreadBps, points), [50, 95]);
    base.spread = { medianBps, p95Bps };
    base.depthBands = curveDepthBandMedians(sample);
    // (refill reads the window's latest snapshots in a row)
    base.refill = { ...(await refillFromCurves(db, Array.from(cols.id.subarray(Math.max(0, points - MAX_REFILL_SNAPSHOTS), points)), stressWindows)), source: "levels" };
  }

  const funding = fundingWindow ? await fundingPoints(db, marketId, fundingWindow) : [];
  if (fundingWindow && funding.length > 0) {
    for (const p of await fundingProvenances(db, marketId, fundingWindow)) provenance.add(p);
    const predicted = await predictedSettlements(db, marketId, fundingWindow, MAX_SCORED_PREDICTION_ROWS);
    const pe = predicted.length ? annualizedPredictionError(predicted, market.fundingIntervalHours) : null;
    base.funding = {
      ...fundingStats(funding, { window: fundingWindow, capRate: market.fundingCapRate, nominalIntervalHours: market.fundingIntervalHours }),
      capSource: market.fundingCapRate ? "venue market metadata" : null,
      carry7d: carryStability(funding, market.fundingIntervalHours),
      prediction: pe && pe.matched > 0 ? { matched: pe.matched, maeAnnualized: pe.mae!, biasAnnualized: pe.bias! } : null,
    };
  }
  const liqs = liqWindow ? await liquidationPoints(db, marketId, liqWindow) : [];
  const oi = liqWindow ? await oiPoints(db, marketId, liqWindow) : [];
  if (liqWindow && (liqs.length > 0 || oi.length > 0)) base.liquidations = { ...liquidationStats(liqs, oi, { window: liqWindow, stressWindows }), window: liqWindow };
  const asOf = (window ?? fundingWindow ?? liqWindow)?.to ?? null;
  if (!base.window) base.window = fundingWindow ?? liqWindow;
  const ins = asOf === null ? null : await insuranceLatest(db, market.venueId, asOf);
  if (ins) {
    const lastOi = oi.at(-1)?.valueUsd ?? null;
    // Venues that publish the fund's history get it read over the window too (its low point), not only the latest.
    const w = base.window;
    const inWindow = w ? insuranceOverWindow(await insuranceSeries(db, market.venueId, w.from, w.to), lastOi) : null;
    base.insurance = { ...ins, toOi: insuranceToOi(ins.balanceUsd, lastOi), inWindow };
  }
  const tiers = await feeTiers(db, market.venueId);
  if (tiers.length > 0 && asOf !== null) {
    // The entry tier: the highest taker rate in force at the window's end (what a new account pays).
    const names = [...new Set(tiers.map((t) => t.tier))];
    const current = names.map((n) => feeAt(tiers, n, asOf) ?? tiers.filter((t) => t.tier === n).at(-1)!).filter(Boolean);
    const entry = current.reduce((a, b) => (b.takerRate > a.takerRate ? b : a));
    const row = tiers.find((t) => t.tier === entry.tier && t.effectiveFrom === entry.effectiveFrom)!;
    base.fees = { tier: entry.tier, takerRate: entry.takerRate, makerRate: entry.makerRate, source: row.source, provenance: row.provenance, changes: feeChanges(tiers, base.window!, stressWindows) };
  }
  // trades: stress windows from the books when the market has any in the window, else from trade prices
  base.realized = await computeRealizedFigures(db, marketId, spec, points > 0 || bandCount > 0 ? stressWindows : null);
  base.realized?.provenance.forEach((p) => provenance.add(p));
  base.provenance = [...provenance].sort();
  return { value: { base, stressWindows, sampled, bands, scope }, scope };
}

const namedKeyOf = (named: readonly NamedWindow[]) => named.map((w) => `${w.name}:${w.from}-${w.to}`).join(",");

/** Cached computeWindowFigures (same validity rule as the figures: lib/services/figure-cache.ts). */
async function getWindowFigures(db: Db, marketId: number, spec: WindowSpec, named: readonly NamedWindow[]): Promise<WindowFigures> {
  const venueId = await venueOfMarket(db, marketId);
  return cachedScopedFigure(db, `w${FIGURES_VERSION}|${marketId}|${windowKey(spec)}|${namedKeyOf(named)}`, () => computeWindowFigures(db, marketId, spec, named), venueId);
}

/** `named`: user-named stress windows (e.g. a known crash), united with the detected ones. */
export async function computeMarketFigures(db: Db, marketId: number, spec: WindowSpec, notionalUsd: number, named: readonly NamedWindow[] = []): Promise<MarketFigures> {
  return (await computeScopedMarketFigures(db, marketId, spec, notionalUsd, named, false)).value;
}

/** The window's figures (cached) with the notional's: slippage, stress comparison, slippage curve, all-in cost. */
async function computeScopedMarketFigures(db: Db, marketId: number, spec: WindowSpec, notionalUsd: number, named: readonly NamedWindow[], cachedWindow: boolean): Promise<{ value: MarketFigures; scope: FigureScope }> {
  const wf = cachedWindow ? await getWindowFigures(db, marketId, spec, named) : (await computeWindowFigures(db, marketId, spec, named)).value;
  const base: MarketFigures = structuredClone(wf.base);
  base.notionalUsd = notionalUsd;
  const stressWindows = structuredClone(wf.stressWindows);
  if (wf.bands && base.window) {
    const { snaps, flagged } = await bandSnapshotsFor(db, marketId, base.window);
    applyBandFigures(base, snaps, flagged, notionalUsd, named);
  } else if (wf.sampled) {
    const ids = wf.sampled;
    const allIds = [...new Set([...ids.sampleIds, ...ids.insideIds, ...ids.outsideIds])];
    const curves = pickById(await curvesById(db, allIds), ids);
    let slip = notionalFigures(curves, curveWalk, notionalUsd, stressWindows);
    let books: ReturnType<typeof pickById<Book>> | null = null;
    if (!slip.withinTolerance) {
      // The interpolation is not tight enough at this notional: walk the same sampled books exactly there
      // (the curve's grid notionals stay read from the curves, exact up to float32 rounding).
      books = pickById(await booksById(db, allIds), ids);
      slip = { ...notionalFigures(books, bookWalk, notionalUsd, stressWindows), boundBps: 0 };
    }
    let boundBps = slip.boundBps;
    base.curve = [...new Set([...CURVE_NOTIONALS_USD, notionalUsd])].sort((a, b) => a - b).map((n) => {
      const c = books && n === notionalUsd ? curvePoint(books, bookWalk, n) : curvePoint(curves, curveWalk, n);
      boundBps = Math.max(boundBps, books && n === notionalUsd ? 0 : c.boundBps);
      return c.point;
    });
    base.slippage = slip.slippage;
    base.stress = slip.stress;
    base.curveBoundBps = boundBps;
  }
  if (base.fees) {
    const slip = base.slippage?.buy.p50Bps ?? null;
    base.allIn = { ...allInCostBps({ takerRate: base.fees.takerRate, slippageBps: slip, fundingRatePer8h: base.funding?.meanRatePer8h ?? undefined, holdingHours: base.funding ? CARRY_HOLDING_HOURS : undefined }), holdingHours: CARRY_HOLDING_HOURS };
  }
  return { value: base, scope: wf.scope };
}

/** Cached computeMarketFigures: reused until an ingest run touches the market's data in what the figures read. */
export async function getMarketFigures(db: Db, marketId: number, spec: WindowSpec, notionalUsd: number, named: readonly NamedWindow[] = []): Promise<MarketFigures> {
  const venueId = await venueOfMarket(db, marketId);
  return cachedScopedFigure(db, `v${FIGURES_VERSION}|${marketId}|${windowKey(spec)}|${notionalUsd}|${namedKeyOf(named)}`, () => computeScopedMarketFigures(db, marketId, spec, notionalUsd, named, true), venueId);
}
