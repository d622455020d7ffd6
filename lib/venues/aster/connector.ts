// Aster perpetuals (Aster DEX, formerly APX/ApolloX; on BNB Chain and other chains). Its futures API at
// fapi.asterdex.com is Binance-USD-M compatible (same paths, same bodies), so this is the shared
// Binance-like connector with ccxt's "aster" exchange, whose implicit methods name the path version
// (fapiPublicGetV1Depth). Sizes are base-asset quantities, quote USDT (or USD1).
import { z } from "zod";
import type { DataKind, ParseContext, ParseResult, VenueConnector } from "../types";
import { mapEach } from "../parse-helpers";
import { binanceLikeConnector, parseBinanceLike } from "../binance-usdm/connector";
import { zNum } from "../parse-helpers";

/** GET /fapi/v3/commissionRate (signed): the calling account's own maker/taker rates. */
const CommissionRateBody = z.object({ symbol: z.string().min(1), makerCommissionRate: zNum, takerCommissionRate: zNum });

const isCommissionRate = (b: unknown) => !!b && typeof b === "object" && "makerCommissionRate" in b;

export async function parseAster<K extends DataKind>(kind: K, body: unknown, ctx: ParseContext): Promise<ParseResult<K>> {
  if (kind === "fees" && isCommissionRate(body)) {
    // A recorded account commission-rate body (needs a signed request; not fetched live).
    const out = mapEach([body], ctx, (b: any) => b?.symbol ?? null, (raw) => {
      const r = CommissionRateBody.parse(raw);
      return { scope: "perp", tier: "account", makerRate: r.makerCommissionRate, takerRate: r.takerCommissionRate, effectiveFrom: ctx.receivedTs, source: `Aster /fapi/v3/commissionRate (${r.symbol}, one account's rate)` };
    });
    return out as ParseResult<K>;
  }
  return parseBinanceLike("aster", kind, body, ctx) as Promise<ParseResult<K>>;
}

const base = binanceLikeConnector(
  {
    slug: "aster",
    name: "Aster",
    kind: "dex",
    chain: "BNB Chain / multi-chain",
    websiteUrl: "https://www.asterdex.com",
    docsUrl: "https://docs.asterdex.com",
    apiDocsUrl: "https://github.com/asterdex/api-docs",
  },
  { slug: "aster", ccxtId: "aster", api: "fapiPublic", version: "V1", marketsMethod: "fapiPublicGetV1ExchangeInfo" },
);

export const aster: VenueConnector = {
  ...base,
  has: { ...base.has, oi: false },
  notes: {
    ...base.notes,
    oi: "ccxt's Aster API map has no open-interest endpoint (fetchOpenInterest: false) and none was found in Aster's public futures API; not fetched.",
    liquidations: "Published only over WebSocket (<symbol>@forceOrder); /fapi/v1/forceOrders returns the caller's own orders (signed). Recorded forceOrder messages can be imported.",
    fees: "Base maker/taker from ccxt's Aster metadata; a recorded account commissionRate body imports as tier 'account'.",
  },
  async fetch(kind, http, req) {
    if (kind === "oi") throw new Error("aster: oi not supported");
    return base.fetch(kind, http, req);
  },
  parse: parseAster,
};
