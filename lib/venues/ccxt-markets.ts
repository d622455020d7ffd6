// ccxt does the venue-specific market normalisation (contract size, linear/inverse, tick size); these
// helpers run it offline on a recorded body and turn its unified market into our MarketRow.
import { newExchange } from "./ccxt-lib";
import { badDigitCounts, parseWhole } from "./parse-helpers";
import type { DataKind, MarketRow, ParseContext, ParseResult, Rejection, VenueHttp } from "./types";

export interface CcxtMarket {
  id: string;
  base: string;
  quote: string;
  settle?: string;
  type?: string;
  swap?: boolean;
  linear?: boolean;
  inverse?: boolean;
  active?: boolean;
  contractSize?: number;
  taker?: number;
  maker?: number;
  precision?: { price?: number; amount?: number };
  limits?: { leverage?: { max?: number } };
  info?: unknown;
}

/** A ccxt exchange whose HTTP layer answers every request from `answer` (no network). */
export async function offlineExchange(ccxtId: string, answer: (url: string, body: unknown) => unknown, options: Record<string, unknown> = {}): Promise<any> {
  const ex = await newExchange(ccxtId, { enableRateLimit: false, options });
  ex.fetch = async (url: string, _method: string, _headers: unknown, body: unknown) => {
    const response = await answer(url, typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body);
    // ccxt expands digit counts into strings of that many digits: an out-of-range one never reaches it.
    if (badDigitCounts(response).length === 0) return response;
    const copy = structuredClone(response);
    badDigitCounts(copy, true);
    return copy;
  };
  return ex;
}

/** Run ccxt's own market parser for `ccxtId` over one recorded markets body. */
export async function parseCcxtMarkets(ccxtId: string, body: unknown, run: (ex: any) => Promise<CcxtMarket[]> = (ex) => ex.fetchMarkets(), options: Record<string, unknown> = {}): Promise<CcxtMarket[]> {
  const ex = await offlineExchange(ccxtId, () => body, options);
  return run(ex);
}

/**
 * Our row from a ccxt unified market. ccxt's contractSize is base units per contract for linear
 * contracts and quote (USD) units per contract for inverse ones: the same convention as ours.
 */
export function marketRowFromCcxt(m: CcxtMarket, sizeUnit: MarketRow["sizeUnit"], extra: Partial<MarketRow> = {}): MarketRow {
  if (!m.linear && !m.inverse) throw new Error(`${m.id}: ccxt marks the market neither linear nor inverse`);
  return {
    symbol: m.id,
    base: m.base,
    quote: m.quote,
    settle: m.settle ?? m.quote,
    contractType: m.inverse ? "inverse" : "linear",
    sizeUnit,
    contractSize: m.contractSize ?? 1,
    tickSize: m.precision?.price ?? null,
    maxLeverage: m.limits?.leverage?.max ?? null,
    fundingIntervalHours: null,
    active: m.active !== false,
    ...extra,
  };
}

/**
 * Fetch the markets body through ccxt's unified market loader (every body it requests is captured). The
 * `fees` kind reads the same body: ccxt's market metadata carries each venue's public base-tier rates.
 */
export async function fetchCcxtMarkets(http: VenueHttp, kind: DataKind, load: (ex: any) => Promise<unknown> = (ex) => ex.fetchMarkets()): Promise<void> {
  await http.ccxtUnified(load, { kind, symbol: null });
}

export interface BaseFeeOptions {
  /** The body's market list, named in the rejection when no market carries fee rates. */
  field: string;
  /** What the rates come from, for the stored row (may name the market they were read from). */
  source: string | ((m: CcxtMarket) => string);
  /** Fee tier label; "base" unless the venue names its public tier otherwise. */
  tier?: string;
  /** Which markets may supply the rates (perpetual swaps by default). */
  accept?: (m: CcxtMarket) => boolean;
  /** Rejection message when none does. */
  missing?: string;
  /** Rejections already found while reading the body, kept in the result. */
  rejected?: Rejection[];
}

/**
 * The public base-tier fee row from ccxt's market metadata: maker and taker rates of the first accepted
 * market that has both. A loader that throws (bad body, ccxt choking on it) is one rejection of the body;
 * no market with rates is one rejection naming `field`.
 */
export async function ccxtBaseFeeRow(ctx: ParseContext, loadMarkets: () => Promise<readonly CcxtMarket[]>, opts: BaseFeeOptions): Promise<ParseResult<"fees">> {
  const earlier = opts.rejected ?? [];
  let markets: readonly CcxtMarket[];
  try {
    markets = await loadMarkets();
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  const accept = opts.accept ?? ((m: CcxtMarket) => m.swap === true);
  const m = markets.find((x) => accept(x) && x.maker !== undefined && x.taker !== undefined);
  if (!m) {
    const message = opts.missing ?? "no perpetual market with fee metadata";
    return { rows: [], rejected: [...earlier, { venue: ctx.venue, symbol: null, field: opts.field, message, index: null }] };
  }
  const source = typeof opts.source === "string" ? opts.source : opts.source(m);
  return { rows: [{ scope: "perp", tier: opts.tier ?? "base", makerRate: m.maker!, takerRate: m.taker!, effectiveFrom: ctx.receivedTs, source }], rejected: earlier };
}
