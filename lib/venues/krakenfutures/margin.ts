// Kraken Futures margin levels as tier tables: the `marginLevels` of each perpetual in
// GET /derivatives/api/v3/instruments (https://docs.kraken.com/api/docs/futures-api/trading/get-instruments).
// Each level gives the position size from which it applies and the initial / maintenance margin as fractions.
//
// Sizes to USD, per contract family:
// - PI_ (inverse, single-collateral) levels are in `contracts` of contractSize USD each (1 USD for PI_XBTUSD),
//   so the bounds are exact in USD; Kraken's inverse margin schedule states the same table in contracts
//   (https://support.kraken.com/hc/en-us/articles/15579128794772-Inverse-Futures-Margin-Schedule-Maximum-Leverage,
//   Bitcoin-Dollar "Contracts 0-500,000 | 500,000-1,000,000 …", IM 2 % / MM 1 % at Level I).
// - PF_ (linear, multi-collateral) levels are in `numNonContractUnits`, the position size in USD: Kraken's
//   multi-collateral schedule "Position sizes are displayed in USD"
//   (https://support.kraken.com/hc/en-us/articles/360022632452-Multi-Collateral-Futures-Margin-Schedule-Maximum-Leverage),
//   and the bodies agree (PF_ETHUSD and PF_PEPEUSD both change level at 2,000,000, which is a USD amount,
//   not a number of ETH or PEPE). ccxt reads the field the same way (krakenfutures parseMarketLeverageTiers).
// Level n covers [size(n), size(n+1)); the last level has no upper bound (the instrument's maxPositionSize is
// a separate limit). Max leverage = 1 / initial margin.
//
// These are `marginLevels`, the professional-client schedule; retail clients get `retailMarginLevels`
// (e.g. 50 % initial), which are not stored. Kraken publishes no maintenance deduction: the schedule gives
// one rate per level, so maintenanceAmountUsd is 0.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "../types";
import { mapEach, parseBody, RecordError, zEpochMs, zNum } from "../parse-helpers";
import { tierTable, type TierInput } from "../margin-tiers";
import { InstrumentsBody } from "./schemas";

const SOURCE = "Kraken Futures GET /derivatives/api/v3/instruments (marginLevels)";

export const MarginLevel = z.object({
  contracts: zNum.optional(),
  numNonContractUnits: zNum.optional(),
  initialMargin: zNum,
  maintenanceMargin: zNum,
});
const MarginInstrument = z.object({
  symbol: z.string().min(1),
  contractSize: zNum.optional(),
  marginLevels: z.array(z.unknown()).min(1),
});

/** PI_ / PF_ perpetuals (upper or lower case); dated futures (FI_, FF_) and indices are skipped. */
const perpetualFamily = (symbol: string): "PI" | "PF" | null => {
  const m = /^(PI|PF)_/i.exec(symbol);
  return m ? (m[1].toUpperCase() as "PI" | "PF") : null;
};

export function parseKrakenMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const shape = parseBody(InstrumentsBody, body, ctx, "instruments");
  if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
  const t = (shape.value as { serverTime?: unknown }).serverTime;
  const server = t === undefined ? null : zEpochMs.safeParse(t);
  const asOf = server && server.success ? server.data : ctx.receivedTs;
  return mapEach(shape.value.instruments, ctx, (r: any) => (typeof r?.symbol === "string" ? r.symbol : null), (raw: any): MarginRow | null => {
    const family = typeof raw?.symbol === "string" ? perpetualFamily(raw.symbol) : null;
    if (!family) return null;
    const inst = MarginInstrument.parse(raw);
    const levels = inst.marginLevels.map((l, i) => {
      const p = MarginLevel.safeParse(l);
      if (!p.success) {
        const issue = p.error.issues[0];
        throw new RecordError(`marginLevels[${i}].${issue.path.join(".")}`, `margin level ${i}: ${issue.message}`);
      }
      return { ...p.data, index: i };
    });
    const sizeOf = (l: (typeof levels)[number]): number => {
      if (family === "PI") {
        if (l.contracts === undefined) throw new RecordError(`marginLevels[${l.index}].contracts`, `${inst.symbol}: an inverse margin level without contracts`);
        // Inverse: contracts × contractSize USD (1 USD per PI_ contract).
        const usdPerContract = inst.contractSize ?? 1;
        if (!(usdPerContract > 0)) throw new RecordError("contractSize", `${inst.symbol}: non-positive contract size ${usdPerContract}`);
        return l.contracts * usdPerContract;
      }
      if (l.numNonContractUnits === undefined) throw new RecordError(`marginLevels[${l.index}].numNonContractUnits`, `${inst.symbol}: a multi-collateral margin level without numNonContractUnits`);
      return l.numNonContractUnits; // already USD
    };
    const sized = levels.map((l) => ({ floor: sizeOf(l), l })).sort((a, b) => a.floor - b.floor);
    const tiers: TierInput[] = sized.map(({ floor, l }, i) => {
      if (!(l.initialMargin > 0)) throw new RecordError(`marginLevels[${l.index}].initialMargin`, `${inst.symbol}: non-positive initial margin ${l.initialMargin}`);
      return {
        notionalFloorUsd: floor,
        notionalCapUsd: i + 1 < sized.length ? sized[i + 1].floor : null,
        maxLeverage: 1 / l.initialMargin,
        initialMarginRate: l.initialMargin,
        maintenanceMarginRate: l.maintenanceMargin,
        maintenanceAmountUsd: 0,
      };
    });
    const unit = family === "PI" ? "contracts × contract size USD" : "numNonContractUnits (USD)";
    return tierTable(inst.symbol, tiers, `${SOURCE}; bounds from ${unit}; professional-client levels`, asOf);
  });
}
