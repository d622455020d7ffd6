// A builder-deployed (HIP-3) Hyperliquid perp dex as a venue of its own ("hyperliquid-<dex>"), scored on
// its own markets, margin tables and facts and listed under Hyperliquid. Same POST /info API as the main
// dex with the dex named in every call: meta/metaAndAssetCtxs take {dex}, coins carry the "<dex>:" prefix
// (l2Book coin "xyz:NVDA", fundingHistory coin "xyz:NVDA")
// (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals).
// Dexes are discovered from perpDexs (dexes.ts); a connector is built for any slug of the right shape and
// its fetch first checks that perpDexs lists the dex.
import type { MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { mapEach, parseBody, parserTable, RecordError } from "../parse-helpers";
import { bundleCaptures } from "../http";
import { AssetCtx, isSpotMeta, MetaAsset, MetaBody, SpotMetaBody, SpotToken } from "./schemas";
import { dexOfCoin, dexOfUniverse, isMetaAndAssetCtxs, parseHyperliquidDepth, parseHyperliquidFunding, parseHyperliquidOi } from "./connector";
import { fetchFundingHistory, fetchL2Book } from "./requests";
import { parseHyperliquidMargin } from "./margin";
import { hip3Slug, hip3VenueName } from "./dex-slug";
import { parsePerpDexs } from "./dexes";

/** Funding is paid every hour on Hyperliquid perps (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/funding). */
const FUNDING_INTERVAL_HOURS = 1;
/** Without named symbols, depth and funding cover the dex's largest markets by open interest (USD at mark). */
export const DEFAULT_DEX_MARKETS = 3;
/** Token index 0 of Hyperliquid's spot token list is USDC, the main dex's collateral. */
const USDC_TOKEN_INDEX = 0;

/**
 * The price tick at a mark price: at most 5 significant figures and at most (6 − szDecimals) decimals;
 * integer prices are always allowed (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size).
 */
export function tickAtPrice(markPx: number, szDecimals: number): number | null {
  if (!(markPx > 0)) return null;
  const sigFigTick = 10 ** (Math.floor(Math.log10(markPx)) - 4);
  const decimalsTick = 10 ** -(6 - szDecimals);
  const tick = Math.min(1, Math.max(sigFigTick, decimalsTick));
  return Number(tick.toPrecision(1));
}

/** The collateral token index of a dex's meta (absent = the main dex's USDC); null when it is not an index. */
function collateralIndexOf(meta: Record<string, unknown>): number | null {
  const c = meta.collateralToken;
  if (c === undefined) return USDC_TOKEN_INDEX;
  const n = typeof c === "string" && /^\d+$/.test(c) ? Number(c) : c;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : null;
}

/** A markets capture: the dex's meta or metaAndAssetCtxs, or a bundle [metaAndAssetCtxs, spotMeta] naming a non-USDC collateral. */
function splitMarketsBody(body: unknown): { meta: unknown; spot: unknown | null } {
  if (Array.isArray(body) && body.length === 2 && isMetaAndAssetCtxs(body[0]) && isSpotMeta(body[1])) return { meta: body[0], spot: body[1] };
  return { meta: body, spot: null };
}

/**
 * The name of spot token `index` in a spotMeta ({tokens, universe}) or spotMetaAndAssetCtxs body, or null.
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/spot)
 */
export function spotTokenName(spot: unknown, index: number): string | null {
  const meta = Array.isArray(spot) ? spot[0] : spot;
  const parsed = SpotMetaBody.safeParse(meta);
  if (!parsed.success) return null;
  for (const raw of parsed.data.tokens) {
    const t = SpotToken.safeParse(raw);
    if (t.success && t.data.index === index) return t.data.name;
  }
  return null;
}

/**
 * Markets of one builder dex from its meta ({type:"meta", dex}) or metaAndAssetCtxs (which adds the mark
 * price, so the tick at that price). Coins keep their "<dex>:" prefix as the venue symbol; the base is
 * the part after it. The dex's collateral is its meta's collateralToken, a spot token index: 0 is USDC;
 * another token is named from the spotMeta bundled with the body, and without one the dex's markets are
 * refused by token index rather than labelled with a guessed currency.
 */
function parseDexMarkets(dex: string) {
  return (body: unknown, ctx: ParseContext): ParseResult<"markets"> => {
    const parts = splitMarketsBody(body);
    const metaRaw = isMetaAndAssetCtxs(parts.meta) ? parts.meta[0] : parts.meta;
    const ctxs = isMetaAndAssetCtxs(parts.meta) ? parts.meta[1] : null;
    const meta = parseBody(MetaBody, metaRaw, ctx, "meta");
    if (!meta.ok) return { rows: [], rejected: [meta.rejection] };
    const bodyDex = dexOfUniverse(meta.value.universe);
    if (meta.value.universe.length > 0 && bodyDex !== dex) {
      return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "universe", message: `meta of ${bodyDex ? `dex "${bodyDex}"` : "the main dex"}, not of dex "${dex}"`, index: null }] };
    }
    const collateral = collateralIndexOf(meta.value);
    const settle = collateral === USDC_TOKEN_INDEX ? "USDC" : collateral === null || parts.spot === null ? null : spotTokenName(parts.spot, collateral);
    if (settle === null) {
      const what = JSON.stringify((meta.value as { collateralToken?: unknown }).collateralToken);
      const why = collateral === null ? "is not a token index" : parts.spot === null ? "is named only in spotMeta, which is not bundled with this body" : "is not in the bundled spotMeta";
      return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "collateralToken", message: `dex "${dex}" is margined in spot token ${what}, which ${why}; its markets are not stored rather than labelled with a guessed currency`, index: null }] };
    }
    return mapEach(meta.value.universe, ctx, (a: any) => (typeof a?.name === "string" ? a.name : null), (raw, i): MarketRow | null => {
      const a = MetaAsset.parse(raw);
      if (dexOfCoin(a.name) !== dex) throw new RecordError("name", `${a.name} is not a coin of dex "${dex}"`);
      const c = ctxs && i < ctxs.length ? AssetCtx.safeParse(ctxs[i]) : null;
      if (c && !c.success) throw new RecordError("markPx", `${a.name}: asset context ${i} does not parse`);
      return {
        symbol: a.name,
        base: a.name.slice(dex.length + 1),
        quote: settle,
        settle,
        contractType: "linear",
        sizeUnit: "base",
        contractSize: 1,
        tickSize: c?.success ? tickAtPrice(c.data.markPx, a.szDecimals) : null,
        maxLeverage: a.maxLeverage ?? null,
        fundingIntervalHours: FUNDING_INTERVAL_HOURS,
        // The main dex's 4 %/hour cap is not restated for builder dexes, whose deployers set funding multipliers.
        fundingCapRate: null,
        fundingFloorRate: null,
        active: a.isDelisted !== true,
      };
    });
  };
}

/** The dex's own coins only: a book or funding record of another dex is refused by coin, not stored here. */
function ownCoins<K extends "depth" | "funding">(dex: string, parse: (body: unknown, ctx: ParseContext) => ParseResult<K>) {
  return (body: unknown, ctx: ParseContext): ParseResult<K> => {
    const r = parse(body, ctx);
    const rows = r.rows.filter((row) => dexOfCoin(row.symbol) === dex);
    const foreign = r.rows.filter((row) => dexOfCoin(row.symbol) !== dex);
    return { rows, rejected: [...r.rejected, ...foreign.map((row) => ({ venue: ctx.venue, symbol: row.symbol, field: "coin", message: `${row.symbol} is not a coin of dex "${dex}"`, index: null }))] };
  };
}

/**
 * A lookup the fetch needs before the bodies of its kind (is the dex listed, which markets are largest):
 * its capture is dropped, so the run parses only bodies of the kind it fetched.
 */
async function lookup(http: VenueHttp, params: Record<string, unknown>): Promise<unknown> {
  const before = http.captures.length;
  const body = await http.ccxtCall("publicPostInfo", params, { kind: "markets", symbol: null });
  http.captures.splice(before);
  return body;
}

async function assertListed(http: VenueHttp, dex: string): Promise<void> {
  const body = await lookup(http, { type: "perpDexs" });
  if (!parsePerpDexs(body).dexes.some((d) => d.name === dex)) throw new Error(`${hip3Slug(dex)}: perpDexs lists no builder dex "${dex}"`);
}

/** The dex's largest markets by open interest at mark (USD), from its metaAndAssetCtxs. */
async function largestMarkets(http: VenueHttp, dex: string): Promise<string[]> {
  const body = await lookup(http, { type: "metaAndAssetCtxs", dex });
  if (!isMetaAndAssetCtxs(body)) return [];
  const universe = MetaBody.parse(body[0]).universe;
  const sized = universe.flatMap((u, i) => {
    const a = MetaAsset.safeParse(u);
    const c = AssetCtx.safeParse(body[1][i]);
    return a.success && c.success && !a.data.isDelisted ? [{ coin: a.data.name, oiUsd: c.data.openInterest * c.data.markPx }] : [];
  });
  return sized.sort((x, y) => y.oiUsd - x.oiUsd).slice(0, DEFAULT_DEX_MARKETS).map((x) => x.coin);
}

/** The connector of builder dex `dex` (venue slug hyperliquid-<dex>). */
export function hyperliquidDexConnector(dex: string): VenueConnector {
  const slug = hip3Slug(dex);
  const symbolsOf = async (http: VenueHttp, symbols: string[]) => (symbols.length ? symbols : largestMarkets(http, dex));
  return {
    info: {
      slug,
      name: hip3VenueName(dex),
      kind: "dex",
      chain: "Hyperliquid L1",
      websiteUrl: "https://hyperliquid.xyz",
      docsUrl: "https://hyperliquid.gitbook.io/hyperliquid-docs/hyperliquid-improvement-proposals-hips/hip-3-builder-deployed-perpetuals",
      apiDocsUrl: "https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals",
    },
    ccxtId: "hyperliquid",
    has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: true },
    notes: {
      markets: `Markets from metaAndAssetCtxs with dex "${dex}" (coins keep the "${dex}:" prefix); quote and settle are the dex's collateral token (meta collateralToken, named from spotMeta unless it is 0, USDC).`,
      depth: `l2Book with coin "${dex}:<COIN>": at most 20 levels per side, full precision then nSigFigs 5/4/3/2 passes merged, as on the main dex.`,
      funding: `Settled hourly history from fundingHistory (coin "${dex}:<COIN>"); the predicted rate from metaAndAssetCtxs with dex "${dex}". No cap is stated for builder dexes, whose deployers set per-asset funding multipliers (perpDexs).`,
      fees: "Builder-dex fees are the protocol's rates scaled by the deployer's fee scale; not modelled here, so no fee rows (the main dex's base tier would understate them).",
      liquidations: "No public liquidation feed: only a user's own fills carry a liquidation object.",
      insurance: "No insurance fund is published for builder dexes.",
      margin: `Max leverage and margin tables from meta with dex "${dex}", read with the margin-tiers rules; deployer, oracle updater and OI caps are facts from perpDexs and perpDexLimits (venuescope hip3).`,
    },
    // A dex lists its own assets (equities, commodities, crypto…): without named markets, depth and funding
    // take its largest markets by open interest.
    defaultBases: [],
    symbolFor: (base) => `${dex}:${base}`,
    // The collateral of a dex is not fixed by a symbol: markets come from its meta first.
    inferMarket: () => null,
    async fetch(kind, http, req) {
      await assertListed(http, dex);
      switch (kind) {
        case "markets": {
          // A dex margined in another token than USDC: its name comes from spotMeta, bundled with the body.
          const from = http.captures.length;
          const body = await http.ccxtCall("publicPostInfo", { type: "metaAndAssetCtxs", dex }, { kind, symbol: null });
          const meta = isMetaAndAssetCtxs(body) ? (body[0] as Record<string, unknown>) : null;
          if (meta && collateralIndexOf(meta) !== USDC_TOKEN_INDEX) {
            await http.ccxtCall("publicPostInfo", { type: "spotMeta" }, { kind, symbol: null });
            bundleCaptures(http, from);
          }
          return;
        }
        case "oi":
          await http.ccxtCall("publicPostInfo", { type: "metaAndAssetCtxs", dex }, { kind, symbol: null });
          return;
        case "margin":
          await http.ccxtCall("publicPostInfo", { type: "meta", dex }, { kind, symbol: null });
          return;
        case "depth":
          for (const coin of await symbolsOf(http, req.symbols)) await fetchL2Book(http, coin);
          return;
        case "funding": {
          for (const coin of await symbolsOf(http, req.symbols)) await fetchFundingHistory(http, slug, coin, req);
          if (!req.historyOnly) await http.ccxtCall("publicPostInfo", { type: "metaAndAssetCtxs", dex }, { kind, symbol: null });
          return;
        }
        default:
          throw new Error(`${slug}: ${kind} not supported`);
      }
    },
    parse: parserTable(hip3VenueName(dex), {
      markets: parseDexMarkets(dex),
      depth: ownCoins(dex, parseHyperliquidDepth),
      funding: ownCoins(dex, (b, c) => parseHyperliquidFunding(b, c, dex)),
      oi: (b, c) => parseHyperliquidOi(b, c, dex),
      margin: (b, c) => parseHyperliquidMargin(b, c, dex),
    }),
  };
}
