// Hyperliquid perpetuals (main perp dex on Hyperliquid L1). Every public call is POST /info with
// body.type; ccxt ("hyperliquid") sends them through its implicit method publicPostInfo, and its own
// market parser reads metaAndAssetCtxs. Sizes are base-asset quantities everywhere; prices are USD(C).
// Funding is paid every hour and capped at 4 %/hour (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/funding).
// No public REST for liquidations (only a user's own fills, which carry a `liquidation` object) or an
// insurance fund; recorded WebSocket fills import through the same parser.
// Builder-deployed (HIP-3) dexes are venues of their own (hyperliquid-<dex>, dex-connector.ts): this connector
// reads the main dex only and leaves their bodies and contexts to them.
import { newExchange } from "../ccxt-lib";
import type { DataKind, FundingRow, MarketRow, OiRow, ParseContext, ParseResult, Rejection, VenueConnector } from "../types";
import { checkBook, digitCountRejections, mapEach, parseBody, RecordError, rejectionFromError } from "../parse-helpers";
import { parserTable } from "../parse-helpers";
import { fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { AssetCtx, Fill, FundingHistoryRecord, isSpotMeta, L2BookBody, MetaAsset, MetaBody } from "./schemas";
import { z } from "zod";
import { parseHyperliquidMargin } from "./margin";
import { HOUR_MS } from "../../metrics/time";
import { mergeBookPasses, type BookPass } from "../../books/merge-passes";
import { hip3Slug, isSluggableDexName } from "./dex-slug";
import { COARSE_PASSES, fetchFundingHistory, fetchL2Book, L2_BOOK_MAX_LEVELS } from "./requests";

export { COARSE_PASSES, L2_BOOK_MAX_LEVELS };

const SLUG = "hyperliquid";
/** The coarsest pass: a book whose every price has at most this many significant figures is aggregated. */
export const COARSE_SIG_FIGS = 2;
/** Funding settles every hour, capped at ±4 % per hour (Hyperliquid docs, Trading > Funding). */
const FUNDING_INTERVAL_HOURS = 1;
const FUNDING_CAP_PER_HOUR = 0.04;

const empty = <K extends DataKind>(): ParseResult<K> => ({ rows: [], rejected: [] });

/** Hyperliquid prices are decimal strings; significant figures ignore leading and trailing zeros. */
export function significantFigures(price: string | number): number {
  const digits = String(price).replace(/^-/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length;
}

/**
 * A book requested with nSigFigs ≤ COARSE_SIG_FIGS: every price has at most that many significant figures.
 * Full-precision Hyperliquid prices carry up to 5 (or every integer digit), so 40 levels all rounded to two
 * significant figures only come from an aggregated request.
 */
export function isAggregatedBook(levels: { px: unknown }[][]): boolean {
  const prices = levels.flat().map((l) => String(l.px));
  return prices.length > 0 && prices.every((p) => significantFigures(p) <= COARSE_SIG_FIGS);
}

/** Main-dex coin names ("BTC", "kPEPE") are the venue symbol; builder-dex names carry "dex:" and other collateral. */
export function inferHyperliquidMarket(symbol: string): MarketRow | null {
  if (!/^[A-Za-z0-9]+$/.test(symbol)) return null;
  return { symbol, base: symbol, quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: true };
}

const nextHour = (ts: number) => Math.floor(ts / HOUR_MS) * HOUR_MS + HOUR_MS;

/** Builder-deployed perp dexs name their assets "<dex>:<coin>"; the main dex ("") uses bare names. */
export function dexOfUniverse(universe: unknown[]): string {
  const first = universe.find((a) => a && typeof a === "object" && typeof (a as { name?: unknown }).name === "string") as { name: string } | undefined;
  const m = first ? /^([^:]+):/.exec(first.name) : null;
  return m ? m[1] : "";
}

/** The dex of a coin name: "xyz:NVDA" -> "xyz", "BTC" -> "" (the main dex). */
export function dexOfCoin(coin: string): string {
  const i = coin.indexOf(":");
  return i > 0 ? coin.slice(0, i) : "";
}

/** Why the main dex's parser refuses a builder dex's body: that dex is a venue of its own. */
function builderDexMessage(universe: unknown[]): string {
  const dex = dexOfUniverse(universe);
  return `builder-deployed (HIP-3) dex "${dex}": its markets belong to ${isSluggableDexName(dex) ? `venue ${hip3Slug(dex)}` : "a venue of its own (its name makes no venue slug)"}`;
}

export const isMetaAndAssetCtxs = (b: unknown): b is [Record<string, unknown>, unknown[]] =>
  Array.isArray(b) && b.length === 2 && !!b[0] && typeof b[0] === "object" && "universe" in (b[0] as object) && Array.isArray(b[1]) && !isSpotMeta(b);

const spotRejection = (ctx: ParseContext): Rejection => ({ venue: ctx.venue, symbol: null, field: "tokens", message: "a spot meta body (tokens and spot pairs), not perpetuals", index: null });

const hasKey = (b: unknown, key: string): b is Record<string, unknown> => !!b && typeof b === "object" && !Array.isArray(b) && key in b;

/** A body of one kind is a single payload or a recorded sequence of them (array); metaAndAssetCtxs is itself a pair. */
function itemsOf(body: unknown): unknown[] {
  if (isMetaAndAssetCtxs(body)) return [body];
  return Array.isArray(body) ? body : [body];
}

interface CtxRecord {
  symbol: string;
  ctx: z.infer<typeof AssetCtx>;
}

/**
 * Asset contexts of one perp dex ("" = the main dex), named by coin. metaAndAssetCtxs pairs each ctx with
 * the meta universe entry at the same index; a WS allDexsAssetCtxs message carries ctxs only, so it needs
 * the meta of the dex earlier in the same recorded sequence (a meta body or metaAndAssetCtxs); without one
 * the dex is rejected, never guessed. activeAssetCtx messages name their coin. Contexts of other dexes are
 * skipped: each builder dex is a venue of its own (hyperliquid-<dex>, dex-connector.ts).
 */
function assetContexts(body: unknown, ctx: ParseContext, dex: string): { rows: CtxRecord[]; rejected: Rejection[] } {
  const rows: CtxRecord[] = [];
  const rejected: Rejection[] = [];
  const metas = new Map<string, unknown[]>();

  const pair = (universe: unknown[], ctxs: unknown[]) => {
    const n = Math.min(universe.length, ctxs.length);
    const indexed = ctxs.slice(0, n).map((raw, i) => ({ raw, name: (universe[i] as { name?: unknown } | null)?.name, meta: universe[i] }));
    const r = mapEach(indexed, ctx, (e) => (typeof e.name === "string" ? e.name : null), (e) => {
      const asset = MetaAsset.parse(e.meta);
      if (asset.isDelisted) return null;
      return { symbol: asset.name, ctx: AssetCtx.parse(e.raw) };
    });
    rows.push(...r.rows);
    rejected.push(...r.rejected);
    if (ctxs.length > universe.length) {
      rejected.push({
        venue: ctx.venue,
        symbol: null,
        field: `ctxs[${universe.length}]`,
        message: `dex "${dex}": asset contexts ${universe.length}..${ctxs.length - 1} have no entry in the known meta (${universe.length} assets); assets are identified only by index, so they are not matched`,
        index: universe.length,
      });
    }
  };

  itemsOf(body).forEach((item, index) => {
    try {
      if (isMetaAndAssetCtxs(item)) {
        const universe = MetaBody.parse(item[0]).universe;
        const bodyDex = dexOfUniverse(universe);
        metas.set(bodyDex, universe);
        if (bodyDex === dex) pair(universe, item[1]);
      } else if (hasKey(item, "universe")) {
        const universe = MetaBody.parse(item).universe;
        metas.set(dexOfUniverse(universe), universe);
      } else if (hasKey(item, "channel") && item.channel === "allDexsAssetCtxs") {
        const msg = z.object({ data: z.object({ ctxs: z.array(z.tuple([z.string(), z.array(z.unknown())])) }) }).parse(item);
        for (const [msgDex, ctxs] of msg.data.ctxs) {
          if (msgDex !== dex) continue;
          const universe = metas.get(dex);
          if (!universe) {
            rejected.push({ venue: ctx.venue, symbol: null, field: "data.ctxs", message: `dex "${dex || "(main)"}": ${ctxs.length} asset contexts but no meta for this dex precedes them; assets are identified only by index, so pass the dex's meta (or use metaAndAssetCtxs)`, index });
            continue;
          }
          pair(universe, ctxs);
        }
      } else if (hasKey(item, "channel") && item.channel === "activeAssetCtx") {
        const msg = z.object({ data: z.object({ coin: z.string().min(1), ctx: AssetCtx }) }).parse(item);
        if (dexOfCoin(msg.data.coin) === dex) rows.push({ symbol: msg.data.coin, ctx: msg.data.ctx });
      } else {
        throw new RecordError("(body)", "not an asset-context payload (metaAndAssetCtxs, meta, WS allDexsAssetCtxs or activeAssetCtx)");
      }
    } catch (err) {
      rejected.push(rejectionFromError(err, ctx, null, index));
    }
  });
  return { rows, rejected };
}

function parseMarketsBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> | ParseResult<"markets"> {
  if (isSpotMeta(body)) return { rows: [], rejected: [spotRejection(ctx)] };
  const extra = { fundingIntervalHours: FUNDING_INTERVAL_HOURS, fundingCapRate: FUNDING_CAP_PER_HOUR, fundingFloorRate: -FUNDING_CAP_PER_HOUR };
  if (isMetaAndAssetCtxs(body)) {
    // ccxt's own market parser for metaAndAssetCtxs. Hyperliquid has no fixed tick: prices carry at most
    // 5 significant figures and (6 − szDecimals) decimals, so ccxt derives the tick from the mark price
    // in the same body; it is the tick at that price.
    return (async () => {
      const universe = MetaBody.parse(body[0]).universe;
      if (dexOfUniverse(universe) !== "") {
        return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "universe", message: builderDexMessage(universe), index: null }] };
      }
      const markets = await parseCcxtMarkets("hyperliquid", body, (ex) => ex.fetchSwapMarkets());
      const digitRejections = digitCountRejections(body, ctx);
      const mapped = mapEach(markets, ctx, (m) => (m as { baseName?: string }).baseName ?? null, (m) => {
        const name = (m as { baseName?: string }).baseName;
        if (!name) throw new RecordError("name", "market without a coin name");
        if ((m.info as { isDelisted?: boolean } | undefined)?.isDelisted) return null;
        return marketRowFromCcxt(m, "base", { ...extra, symbol: name, base: name });
      });
      return { rows: mapped.rows, rejected: [...digitRejections, ...mapped.rejected] };
    })();
  }
  const meta = parseBody(MetaBody, body, ctx, "meta");
  if (!meta.ok) return { rows: [], rejected: [meta.rejection] };
  if (dexOfUniverse(meta.value.universe) !== "") {
    const universe = meta.value.universe;
    return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "universe", message: builderDexMessage(universe), index: null }] };
  }
  // Plain meta: no mark price, so no tick size (see above).
  return mapEach(meta.value.universe, ctx, (a: any) => a?.name ?? null, (raw) => {
    const a = MetaAsset.parse(raw);
    return {
      symbol: a.name,
      base: a.name,
      quote: "USDC",
      settle: "USDC",
      contractType: "linear",
      sizeUnit: "base",
      contractSize: 1,
      tickSize: null,
      maxLeverage: a.maxLeverage ?? null,
      ...extra,
      active: a.isDelisted !== true,
    } satisfies MarketRow;
  });
}

const isL2Book = (b: unknown) => hasKey(b, "levels") && hasKey(b, "coin");

/**
 * One live depth fetch is a bundle (lib/venues/http.ts bundleCaptures): the full-precision book, then the
 * COARSE_PASSES books in that order. The exact levels are kept and each coarser pass adds only buckets wholly
 * beyond them (lib/books/merge-passes.ts), so the stored book is labelled aggregated with its 20 exact levels.
 * A pass's figures are the smaller of its place in the bundle and the most any of its prices carries: a pass
 * read as coarser than it is only widens its buckets (less depth, worse prices), never the reverse.
 */
function parseBookPasses(bodies: unknown[], ctx: ParseContext): ParseResult<"depth"> {
  const coin: string | null = (bodies[0] as { coin?: string } | undefined)?.coin ?? ctx.symbol;
  if (bodies.length > COARSE_PASSES.length + 1) {
    return { rows: [], rejected: [{ venue: ctx.venue, symbol: coin, field: "body", message: `a depth bundle holds the full book and at most ${COARSE_PASSES.length} coarser passes, got ${bodies.length} bodies`, index: null }] };
  }
  const passes: { coin: string; time: number | null; pass: BookPass }[] = [];
  for (const [i, raw] of bodies.entries()) {
    const parsed = parseBody(L2BookBody, raw, ctx, `l2Book pass ${i}`);
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value;
    const level = (l: { px: number; sz: number }) => [l.px, l.sz] as const;
    const observed = Math.max(0, ...(raw as { levels: { px: unknown }[][] }).levels.flat().map((l) => significantFigures(String(l.px))));
    const sigFigs = i === 0 ? null : Math.min(COARSE_PASSES[i - 1], observed);
    passes.push({ coin: b.coin, time: b.time ?? null, pass: { bids: b.levels[0].map(level), asks: b.levels[1].map(level), sigFigs } });
  }
  return mapEach([passes], ctx, () => coin, () => {
    const [exact, ...coarse] = passes;
    if (isAggregatedBook((bodies[0] as { levels: { px: unknown }[][] }).levels)) throw new RecordError("levels", "the first book of a depth bundle must be the full-precision one");
    for (const p of passes) if (p.coin !== exact.coin) throw new RecordError("coin", `a depth bundle mixes ${exact.coin} and ${p.coin}`);
    if (ctx.symbol && ctx.symbol !== exact.coin) throw new RecordError("coin", `body is for ${exact.coin}, capture says ${ctx.symbol}`);
    const limit = ctx.levelLimit ?? L2_BOOK_MAX_LEVELS;
    const exactBook = checkBook(exact.pass.bids, exact.pass.asks);
    const merged = mergeBookPasses({ ...exact.pass, ...exactBook }, coarse.map((c) => c.pass), limit);
    const book = checkBook(merged.bids, merged.asks);
    return {
      symbol: exact.coin,
      exchangeTs: exact.time,
      receivedTs: ctx.receivedTs,
      ...book,
      levelLimit: limit,
      truncated: merged.truncated,
      aggregated: merged.aggregated,
      exactLevels: merged.aggregated ? merged.exactLevels : null,
    };
  });
}

export function parseHyperliquidDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  if (Array.isArray(body) && body.length > 0 && body.every(isL2Book)) return parseBookPasses(body, ctx);
  const payload = hasKey(body, "channel") && body.channel === "l2Book" ? (body as { data?: unknown }).data : body;
  const parsed = parseBody(L2BookBody, payload, ctx, "l2Book");
  if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
  const b = parsed.value;
  // A coarse (nSigFigs) book on its own (captures recorded before books were bundled) is not stored: its
  // bucket prices would widen the stored spread and shift near-mid depth.
  if (isAggregatedBook((payload as { levels: { px: unknown }[][] }).levels)) return empty();
  return mapEach([b], ctx, () => b.coin, () => {
    if (ctx.symbol && ctx.symbol !== b.coin) throw new RecordError("coin", `body is for ${b.coin}, capture says ${ctx.symbol}`);
    const book = checkBook(b.levels[0].map((l) => [l.px, l.sz] as const), b.levels[1].map((l) => [l.px, l.sz] as const));
    const limit = ctx.levelLimit ?? L2_BOOK_MAX_LEVELS;
    return {
      symbol: b.coin,
      exchangeTs: b.time ?? null,
      receivedTs: ctx.receivedTs,
      ...book,
      levelLimit: limit,
      truncated: b.levels[0].length >= limit || b.levels[1].length >= limit,
    };
  });
}

/** Funding of one perp dex ("" = main): settled fundingHistory records or the predicted rate from asset contexts. */
export function parseHyperliquidFunding(body: unknown, ctx: ParseContext, dex = ""): ParseResult<"funding"> {
  const items = itemsOf(body);
  // Settled history: POST /info fundingHistory. Its spacing changed over time (8-hourly in 2023, hourly
  // now), so intervalHours is left for the metrics to infer from the series.
  if (items.length > 0 && items.every((r) => hasKey(r, "fundingRate"))) {
    return mapEach(items, ctx, (r: any) => r?.coin ?? null, (raw) => {
      const r = FundingHistoryRecord.parse(raw);
      if (dexOfCoin(r.coin) !== dex) throw new RecordError("coin", `${r.coin} is not a coin of ${dex ? `dex "${dex}"` : "the main dex"}`);
      return { symbol: r.coin, fundingTime: r.time, rate: r.fundingRate, intervalHours: null, premium: r.premium ?? null, markPrice: null, indexPrice: null, predicted: false } satisfies FundingRow;
    });
  }
  // Asset contexts: the current predicted hourly rate, settled at the next whole hour.
  const ctxs = assetContexts(body, ctx, dex);
  const fundingTime = nextHour(ctx.receivedTs);
  return {
    rows: ctxs.rows.map(({ symbol, ctx: c }) => ({ symbol, fundingTime, rate: c.funding, intervalHours: FUNDING_INTERVAL_HOURS, premium: c.premium ?? null, markPrice: c.markPx, indexPrice: c.oraclePx, predicted: true })),
    rejected: ctxs.rejected,
  };
}

/** Open interest of one perp dex ("" = main) from its asset contexts. */
export function parseHyperliquidOi(body: unknown, ctx: ParseContext, dex = ""): ParseResult<"oi"> {
  const ctxs = assetContexts(body, ctx, dex);
  const rows: OiRow[] = [];
  const rejected = [...ctxs.rejected];
  ctxs.rows.forEach(({ symbol, ctx: c }, index) => {
    if (c.openInterest < 0) {
      rejected.push({ venue: ctx.venue, symbol, field: "openInterest", message: `negative open interest ${c.openInterest}`, index });
      return;
    }
    // openInterest is in the base asset; valued at the mark price carried by the same context.
    rows.push({ symbol, ts: ctx.receivedTs, sizeBase: c.openInterest, valueUsd: c.openInterest * c.markPx });
  });
  return { rows, rejected };
}

/** Fills from WS "user" / "userFills" messages or a userFills REST array; only liquidation fills become rows. */
function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const fills: unknown[] = [];
  for (const item of Array.isArray(body) ? body : [body]) {
    const data = hasKey(item, "channel") ? (item as { data?: { fills?: unknown } }).data : null;
    if (data && Array.isArray(data.fills)) fills.push(...data.fills);
    else fills.push(item);
  }
  return mapEach(fills, ctx, (f: any) => f?.coin ?? null, (raw: any) => {
    if (!raw || typeof raw !== "object" || !raw.liquidation) return null; // an ordinary fill
    const f = Fill.parse(raw);
    if (!(f.sz > 0)) throw new RecordError("sz", `non-positive size ${f.sz}`);
    // A liquidation sends market orders, so the liquidated user's fill is the taker one (crossed). A
    // maker fill (crossed false) belongs to the counterparty: the liquidation order is the other side.
    const fillSide = f.side === "A" ? "sell" : "buy";
    const side = f.crossed ? fillSide : fillSide === "sell" ? "buy" : "sell";
    return { symbol: f.coin, ts: f.time, side, price: f.px, sizeBase: f.sz, notionalUsd: f.px * f.sz };
  });
}

async function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  if (isSpotMeta(body)) return { rows: [], rejected: [spotRejection(ctx)] };
  const shape = isMetaAndAssetCtxs(body) ? { ok: true as const } : parseBody(MetaBody, body, ctx, "meta");
  if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
  // The base (tier 0) perp rates ccxt attaches to every Hyperliquid swap market; volume tiers and staking
  // discounts are on https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees (no public endpoint
  // without a user address).
  const fees = ((await newExchange("hyperliquid")) as { fees: { swap: { taker: number; maker: number } } }).fees.swap;
  return { rows: [{ scope: "perp", tier: "base", makerRate: fees.maker, takerRate: fees.taker, effectiveFrom: ctx.receivedTs, source: "ccxt hyperliquid market metadata (tier 0 perps; hyperliquid-docs/trading/fees)" }], rejected: [] };
}

export const hyperliquid: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Hyperliquid",
    kind: "dex",
    chain: "Hyperliquid L1",
    websiteUrl: "https://hyperliquid.xyz",
    docsUrl: "https://hyperliquid.gitbook.io/hyperliquid-docs",
    apiDocsUrl: "https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api",
  },
  ccxtId: "hyperliquid",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: false, margin: true },
  notes: {
    depth: "l2Book returns at most 20 levels per side. Live depth asks for the full-precision book and then nSigFigs 5, 4, 3 and 2 passes, and stores one book: the 20 exact levels plus the coarser buckets that lie wholly beyond them, priced at each bucket's far edge and labelled aggregated.",
    funding: "Settled hourly history from fundingHistory (with premium); the predicted rate for the next hour from metaAndAssetCtxs.",
    liquidations: "No public liquidation feed: only a user's own fills carry a liquidation object (WS user channel); recorded fills can be imported.",
    insurance: "No insurance fund is published; liquidations are backstopped by the HLP vault.",
    fees: "Base tier 0 maker/taker from ccxt market metadata; volume tiers and staking discounts are on the venue's fee page.",
    margin: "Max leverage and margin tables (marginTables) from meta; maintenance is half the initial margin at max leverage, per the venue's margin-tiers docs. Collateral (USDC) and the liquidation policy are curated in data/margin/hyperliquid.json.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => base,
  inferMarket: inferHyperliquidMarket,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        // ccxt's perpetual-only market loader: one POST /info {type:"metaAndAssetCtxs"} (main perp dex).
        await fetchCcxtMarkets(http, kind, (ex) => ex.fetchSwapMarkets());
        return;
      case "depth":
        for (const coin of req.symbols) await fetchL2Book(http, coin);
        return;
      case "funding": {
        for (const coin of req.symbols) await fetchFundingHistory(http, SLUG, coin, req);
        await http.ccxtCall("publicPostInfo", { type: "metaAndAssetCtxs" }, { kind, symbol: null });
        return;
      }
      case "oi":
        await http.ccxtCall("publicPostInfo", { type: "metaAndAssetCtxs" }, { kind, symbol: null });
        return;
      case "margin":
        // Every perp's max leverage and margin table in one body.
        await http.ccxtCall("publicPostInfo", { type: "meta" }, { kind, symbol: null });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse: parserTable("Hyperliquid", { markets: parseMarketsBody, depth: parseHyperliquidDepth, funding: (b, c) => parseHyperliquidFunding(b, c), oi: (b, c) => parseHyperliquidOi(b, c), liquidations: parseLiquidations, fees: parseFees, margin: parseHyperliquidMargin }),
};
