// OKX position tiers as margin tier tables: GET /api/v5/public/position-tiers?instType=SWAP&tdMode=cross
// (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers). For swaps, minSz/maxSz are
// numbers of contracts and the table belongs to the instrument family (BTC-USDT → BTC-USDT-SWAP).
//
// Contracts to USD: an inverse swap's contract is ctVal USD (BTC-USD-SWAP: 100 USD), so its tiers are exact
// in USD. A linear swap's contract is ctVal of the base asset (BTC-USDT-SWAP: 0.01 BTC), so its USD bounds
// need a price: they are valued at the mark price (GET /api/v5/public/mark-price) recorded with the tiers in
// the same capture, and `source` names that price. OKX places a position in a tier by its contract count, so
// at another price the true USD bound moves with the price; the stored bound is exact at the recorded one.
// Without a mark price a linear table is refused rather than guessed.
//
// Maintenance: OKX places the whole position in one tier by its size and applies that tier's maintenance
// margin ratio to it, publishing no deduction ("the Number of contracts, Tier, and the Maintenance Margin
// Ratio are calculated based on all the positions",
// https://support.okexcn.com/hc/en-us/articles/360040581412-Tiered-Maintenance-Margin-Ratio-System), so
// maintenanceAmountUsd is 0.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult, Rejection } from "../types";
import { mapEach, RecordError, rejectionFromError, requireMarket, zNum } from "../parse-helpers";
import { tierTable, type TierInput } from "../margin-tiers";
import { Envelope } from "./schemas";

export const PositionTier = z.object({
  instFamily: z.string().optional(),
  uly: z.string().optional(),
  instId: z.string().optional(),
  tier: zNum,
  minSz: zNum,
  maxSz: zNum,
  mmr: zNum,
  imr: zNum,
  maxLever: zNum,
});
export const MarkPriceRecord = z.object({ instId: z.string().min(1), markPx: zNum, ts: z.union([z.string(), z.number()]).optional() });

const SOURCE = "OKX GET /api/v5/public/position-tiers?instType=SWAP&tdMode=cross";

const isEnvelope = (b: unknown): b is { data: unknown[] } => !!b && typeof b === "object" && !Array.isArray(b) && Array.isArray((b as { data?: unknown }).data);

/** The tier records and mark prices of a body: one position-tiers envelope, or a recorded sequence with mark prices. */
function readBodies(body: unknown, ctx: ParseContext): { tiers: unknown[]; marks: Map<string, { price: number; ts: number | null }>; rejected: Rejection[] } {
  const items = Array.isArray(body) ? body : [body];
  const tiers: unknown[] = [];
  const marks = new Map<string, { price: number; ts: number | null }>();
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    try {
      if (!isEnvelope(item)) throw new RecordError("data", "not an OKX REST envelope ({code, data: [...]})");
      const e = Envelope.parse(item);
      if (e.code !== undefined && String(e.code) !== "0") throw new RecordError("code", `venue error ${e.code}: ${e.msg ?? ""}`);
      for (const rec of e.data) {
        if (rec && typeof rec === "object" && "markPx" in rec) {
          const m = MarkPriceRecord.parse(rec);
          const ts = m.ts === undefined ? null : Number(m.ts);
          marks.set(m.instId, { price: m.markPx, ts: ts !== null && Number.isFinite(ts) ? ts : null });
        } else tiers.push(rec);
      }
    } catch (err) {
      rejected.push({ ...rejectionFromError(err, ctx, ctx.symbol, index), index });
    }
  });
  return { tiers, marks, rejected };
}

export function parseOkxMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const { tiers, marks, rejected } = readBodies(body, ctx);
  // The swap each record belongs to: its instId when set, else its family + "-SWAP".
  const swapOf = (r: any): string | null => {
    const fam = typeof r?.instFamily === "string" && r.instFamily ? r.instFamily : typeof r?.uly === "string" && r.uly ? r.uly : null;
    return typeof r?.instId === "string" && r.instId ? r.instId : fam ? `${fam}-SWAP` : null;
  };
  const groups = new Map<string, unknown[]>();
  const ungrouped = mapEach(tiers, ctx, swapOf, (raw) => {
    const symbol = swapOf(raw);
    if (!symbol) throw new RecordError("instFamily", "position tier names neither instId nor instFamily");
    groups.set(symbol, [...(groups.get(symbol) ?? []), raw]);
    return null;
  });
  const out = mapEach([...groups.entries()], ctx, ([symbol]) => symbol, ([symbol, raws]): MarginRow => {
    const recs = raws.map((raw, i) => {
      const p = PositionTier.safeParse(raw);
      if (!p.success) {
        const issue = p.error.issues[0];
        throw new RecordError(`data[${i}].${issue.path.join(".")}`, `tier record ${i}: ${issue.message}`);
      }
      return p.data;
    }).sort((a, b) => a.tier - b.tier);
    const market = requireMarket(ctx.markets, symbol, ctx.venue);
    let usdPerContract: number;
    let source = SOURCE;
    let asOf = ctx.receivedTs;
    if (market.contractType === "inverse") {
      // Inverse: contractSize is USD per contract (ctVal × ctMult).
      usdPerContract = market.contractSize;
    } else {
      const mark = marks.get(symbol);
      if (!mark) throw new RecordError("maxSz", `${symbol}: tiers are in contracts of ${market.contractSize} ${market.base}; no mark price for ${symbol} in the body to value them in USD (fetch GET /api/v5/public/mark-price with the tiers)`);
      if (!(mark.price > 0)) throw new RecordError("markPx", `${symbol}: non-positive mark price ${mark.price}`);
      usdPerContract = market.contractSize * mark.price;
      source = `${SOURCE}; contracts × ${market.contractSize} ${market.base} × mark price ${mark.price} USD`;
      if (mark.ts !== null) asOf = mark.ts;
    }
    if (recs[0].minSz !== 0) throw new RecordError("data[0].minSz", `${symbol}: the first tier starts at ${recs[0].minSz} contracts, not 0`);
    // Positions are whole contracts: tier n covers (maxSz(n−1), maxSz(n)], so its floor is the previous cap.
    const input: TierInput[] = recs.map((r, i) => ({
      notionalFloorUsd: i === 0 ? 0 : recs[i - 1].maxSz * usdPerContract,
      notionalCapUsd: r.maxSz * usdPerContract,
      maxLeverage: r.maxLever,
      initialMarginRate: r.imr,
      maintenanceMarginRate: r.mmr,
      maintenanceAmountUsd: 0,
    }));
    return tierTable(symbol, input, source, asOf);
  });
  return { rows: out.rows, rejected: [...rejected, ...ungrouped.rejected, ...out.rejected] };
}
