// Bitget position tiers as margin tier tables: GET /api/v2/mix/market/query-position-lever?symbol=&productType=USDT-FUTURES
// (https://www.bitget.com/api-doc/contract/position/Get-Query-Position-Lever) and its unified-account
// counterpart GET /api/v3/market/position-tier?category=USDT-FUTURES&symbol= (https://www.bitget.com/api-doc/uta/public/Get-Position-Tier-Data).
// v2 records carry level, startUnit / endUnit (the tier's position value bounds, "价值下限 / 价值上限" in the
// Chinese page: USDT for USDT-M, taken as USD), leverage (the tier's max leverage) and keepMarginRate (the
// maintenance margin rate); v3 records carry tier, minTierValue / maxTierValue, leverage and mmr and do not
// name the symbol (the request's symbol is used).
//
// Initial margin rate: the endpoints give only the max leverage, and initial margin = position value /
// leverage, so the tier's lowest initial margin rate is 1 / leverage. Maintenance: Bitget states one
// maintenance margin rate per tier and publishes no deduction, so maintenanceAmountUsd is 0. The last tier's
// endUnit is the largest position the venue accepts and stays a bounded tier. Only USDT-M (linear) tables
// are read: coin-margined tiers may be set in the coin.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "../types";
import { mapEach, RecordError, zNum } from "../parse-helpers";
import { tierTable, type TierInput } from "../margin-tiers";
import { Envelope } from "./schemas";
import { inferBitgetMarket } from "./symbols";

const V2_SOURCE = "Bitget GET /api/v2/mix/market/query-position-lever?productType=USDT-FUTURES";
const V3_SOURCE = "Bitget GET /api/v3/market/position-tier?category=USDT-FUTURES";

export const PositionLeverV2 = z.object({ symbol: z.string().min(1), level: zNum, startUnit: zNum, endUnit: zNum, leverage: zNum, keepMarginRate: zNum });
export const PositionTierV3 = z.object({ tier: zNum, minTierValue: zNum, maxTierValue: zNum, leverage: zNum, mmr: zNum });

type Rec = { symbol: string | null; floor: number; cap: number; lev: number; mmr: number };

function readRecord(raw: unknown, i: number): { rec: Rec; v3: boolean } {
  const v3 = !!raw && typeof raw === "object" && "minTierValue" in raw;
  const p = v3 ? PositionTierV3.safeParse(raw) : PositionLeverV2.safeParse(raw);
  if (!p.success) {
    const issue = p.error.issues[0];
    throw new RecordError(`data[${i}].${issue.path.join(".")}`, `tier record ${i}: ${issue.message}`);
  }
  const d: any = p.data;
  return v3
    ? { rec: { symbol: null, floor: d.minTierValue, cap: d.maxTierValue, lev: d.leverage, mmr: d.mmr }, v3 }
    : { rec: { symbol: d.symbol, floor: d.startUnit, cap: d.endUnit, lev: d.leverage, mmr: d.keepMarginRate }, v3 };
}

export function parseBitgetMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const named: string | null = Array.isArray((body as any)?.data) && typeof (body as any).data[0]?.symbol === "string" ? (body as any).data[0].symbol : ctx.symbol;
  return mapEach([body], ctx, () => named, (b): MarginRow => {
    const e = Envelope.parse(b);
    if (String(e.code) !== "00000") throw new RecordError("code", `venue error ${e.code}: ${e.msg ?? ""}`);
    if (!Array.isArray(e.data)) throw new RecordError("data", "position tiers body without a data array");
    const read = e.data.map((raw, i) => readRecord(raw, i));
    if (read.length === 0) throw new RecordError("data", "no position tiers");
    const v3 = read[0].v3;
    const symbols = new Set(read.map((r) => r.rec.symbol ?? ctx.symbol));
    if (symbols.size !== 1) throw new RecordError("data[].symbol", `tiers of several markets in one body (${[...symbols].join(", ")})`);
    const symbol = [...symbols][0];
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a position-tier body does not name its market; pass --symbol`);
    const market = ctx.markets.get(symbol) ?? inferBitgetMarket(symbol);
    if (!market || market.contractType !== "linear") throw new RecordError("symbol", `${symbol}: not a USDT-M (linear) market; only USDT-valued tiers are read`);
    const recs = read.map((r) => r.rec).sort((a, b) => a.floor - b.floor);
    const tiers: TierInput[] = recs.map((r, i) => {
      if (!(r.lev > 0)) throw new RecordError(`data[${i}].leverage`, `${symbol}: non-positive leverage ${r.lev}`);
      return { notionalFloorUsd: r.floor, notionalCapUsd: r.cap, maxLeverage: r.lev, initialMarginRate: 1 / r.lev, maintenanceMarginRate: r.mmr, maintenanceAmountUsd: 0 };
    });
    const t = Number(e.requestTime);
    const asOf = Number.isFinite(t) && t > 0 ? t : ctx.receivedTs;
    return tierTable(symbol, tiers, `${v3 ? V3_SOURCE : V2_SOURCE}; initial margin rate = 1 / leverage`, asOf);
  });
}
