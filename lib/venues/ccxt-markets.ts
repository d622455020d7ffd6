// ccxt does the venue-specific market normalisation (contract size, linear/inverse, tick size); these
// helpers run it offline on a recorded body and turn its unified market into our MarketRow.
import { newExchange } from "./ccxt-lib";
import type { MarketRow } from "./types";

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
  ex.fetch = async (url: string, _method: string, _headers: unknown, body: unknown) => answer(url, typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body);
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
