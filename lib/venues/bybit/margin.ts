// Bybit risk limits as margin tier tables: GET /v5/market/risk-limit (https://bybit-exchange.github.io/docs/v5/market/risk-limit)
// and the legacy GET /public/linear/risk-limit body. A linear contract's risk limit is a cumulative position
// value in the settlement coin (USDT/USDC, taken as USD); tier n covers (limit(n−1), limit(n)].
// Maintenance margin = position value × MMR(tier) − deduction(tier), with the deduction that keeps it
// continuous (https://www.bybit.com/en/announcement-info/margin-parameters): v5 states it as `mmDeduction`,
// the legacy body does not, so there it is derived with the same published formula.
// Inverse contracts set their limits in the base coin (BTCUSD: 150 BTC), which needs a price to value in
// USD: their tables are refused with that reason.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "../types";
import { mapEach, parseBody, RecordError } from "../parse-helpers";
import { continuityDeductions, tierTable, type TierInput } from "../margin-tiers";
import { zNum, zEpochMs } from "../parse-helpers";
import { zOptNum } from "./schemas";
import { inferBybitMarket } from "./symbols";

const V5_SOURCE = "Bybit GET /v5/market/risk-limit?category=linear";
const LEGACY_SOURCE = "Bybit GET /public/linear/risk-limit (legacy)";

/** One record of GET /v5/market/risk-limit: rates are fractions ("0.005"), riskLimitValue the tier's cap. */
export const RiskLimitV5 = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  symbol: z.string().min(1),
  riskLimitValue: zNum,
  maintenanceMargin: zNum,
  initialMargin: zNum,
  maxLeverage: zNum,
  mmDeduction: zOptNum.optional(),
});
/** One record of the legacy GET /public/linear/risk-limit (gocryptotrader recording, 2023-08). */
export const RiskLimitLegacy = z.object({
  id: z.number().optional(),
  symbol: z.string().min(1),
  limit: zNum,
  maintain_margin: zNum,
  starting_margin: zNum,
  max_leverage: zNum,
});
const V5Body = z.object({
  retCode: z.number().optional(),
  retMsg: z.string().optional(),
  time: zEpochMs.optional(),
  result: z.object({ category: z.string().optional(), list: z.array(z.unknown()), nextPageCursor: z.string().optional() }),
});
const LegacyBody = z.object({ ret_code: z.number(), ret_msg: z.string().optional(), time_now: z.string().optional(), result: z.array(z.unknown()) });

type Rec = { symbol: string; cap: number; mmr: number; imr: number; lev: number; deduction: number | null; index: number };

/** Group validated records by symbol; a symbol with a bad record is rejected whole (a partial table would mislead). */
function tables(records: unknown[], ctx: ParseContext, read: (raw: unknown) => Omit<Rec, "index">, source: string, asOf: number): ParseResult<"margin"> {
  const bySymbol = new Map<string, Rec[]>();
  const bad = new Set<string>();
  const first = mapEach(records, ctx, (r: any) => (typeof r?.symbol === "string" ? r.symbol : null), (raw, index) => {
    try {
      const r = read(raw);
      bySymbol.set(r.symbol, [...(bySymbol.get(r.symbol) ?? []), { ...r, index }]);
    } catch (err) {
      const s = (raw as { symbol?: unknown } | null)?.symbol;
      if (typeof s === "string") bad.add(s);
      throw err;
    }
    return null;
  });
  const groups = [...bySymbol.entries()].filter(([s]) => !bad.has(s));
  const out = mapEach(groups, ctx, ([symbol]) => symbol, ([symbol, recs]): MarginRow => {
    const market = ctx.markets.get(symbol) ?? inferBybitMarket(symbol);
    if (market && market.contractType === "inverse") {
      throw new RecordError("riskLimitValue", `${symbol} is an inverse contract: its risk limits are in the base coin and this body carries no price to value them in USD`);
    }
    const sorted = [...recs].sort((a, b) => a.cap - b.cap);
    const tiers: TierInput[] = sorted.map((r, i) => ({
      notionalFloorUsd: i === 0 ? 0 : sorted[i - 1].cap,
      notionalCapUsd: r.cap,
      maxLeverage: r.lev,
      initialMarginRate: r.imr,
      maintenanceMarginRate: r.mmr,
      maintenanceAmountUsd: 0,
    }));
    const derived = continuityDeductions(tiers);
    const given = sorted.every((r) => r.deduction !== null);
    tiers.forEach((t, i) => (t.maintenanceAmountUsd = given ? sorted[i].deduction! : derived[i]));
    // The last tier's limit is the largest position the venue accepts: it stays a bounded tier.
    return tierTable(symbol, tiers, given ? source : `${source}; maintenance deduction derived with Bybit's published formula (margin-parameters)`, asOf);
  });
  return { rows: out.rows, rejected: [...first.rejected, ...out.rejected] };
}

export function parseBybitMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  if (body && typeof body === "object" && "ret_code" in body) {
    const legacy = parseBody(LegacyBody, body, ctx, "risk-limit");
    if (!legacy.ok) return { rows: [], rejected: [legacy.rejection] };
    if (legacy.value.ret_code !== 0) return { rows: [], rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "ret_code", message: `venue error ${legacy.value.ret_code}: ${legacy.value.ret_msg ?? ""}`, index: null }] };
    // time_now is the server time in seconds ("1692164701.897265").
    const t = Number(legacy.value.time_now);
    const asOf = Number.isFinite(t) && t > 0 ? Math.round(t * 1000) : ctx.receivedTs;
    return tables(legacy.value.result, ctx, (raw) => {
      const r = RiskLimitLegacy.parse(raw);
      return { symbol: r.symbol, cap: r.limit, mmr: r.maintain_margin, imr: r.starting_margin, lev: r.max_leverage, deduction: null };
    }, LEGACY_SOURCE, asOf);
  }
  const v5 = parseBody(V5Body, body, ctx, "risk-limit");
  if (!v5.ok) return { rows: [], rejected: [v5.rejection] };
  if (v5.value.retCode !== undefined && v5.value.retCode !== 0) return { rows: [], rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "retCode", message: `venue error ${v5.value.retCode}: ${v5.value.retMsg ?? ""}`, index: null }] };
  if (v5.value.result.category === "inverse") return { rows: [], rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "result.category", message: "inverse risk limits are in the base coin and need a price to value in USD; only linear tables are read", index: null }] };
  return tables(v5.value.result.list, ctx, (raw) => {
    const r = RiskLimitV5.parse(raw);
    return { symbol: r.symbol, cap: r.riskLimitValue, mmr: r.maintenanceMargin, imr: r.initialMargin, lev: r.maxLeverage, deduction: r.mmDeduction ?? null };
  }, V5_SOURCE, v5.value.time ?? ctx.receivedTs);
}
