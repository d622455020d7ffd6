// Binance USD-M leverage brackets (GET /fapi/v1/leverageBracket,
// https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets)
// as margin tier tables. The endpoint is USER_DATA (signed with an API key), so live ingestion does not call
// it; a recorded body imports through this parser, and data/margin/binance-usdm.json holds curated brackets.
// Maintenance margin = notional × maintMarginRatio − cum ("Maintenance Amount"); initial margin = notional /
// leverage, so the tier's initial margin rate is 1 / initialLeverage.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "../types";
import { mapEach, RecordError, zNum } from "../parse-helpers";
import { tierTable } from "../margin-tiers";

const Bracket = z.object({
  bracket: zNum.optional(),
  initialLeverage: zNum,
  notionalCap: zNum,
  notionalFloor: zNum,
  maintMarginRatio: zNum,
  cum: zNum,
});
const SymbolBrackets = z.object({ symbol: z.string().min(1), brackets: z.array(z.unknown()).min(1), notionalCoef: zNum.optional() });

const SOURCE = "Binance GET /fapi/v1/leverageBracket";

export function parseLeverageBrackets(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const items = Array.isArray(body) ? body : [body];
  return mapEach(items, ctx, (r: any) => (typeof r?.symbol === "string" ? r.symbol : null), (raw): MarginRow => {
    const s = SymbolBrackets.parse(raw);
    // notionalCoef appears when the account's brackets were adjusted: the table is then the user's, not the venue's.
    if (s.notionalCoef !== undefined && s.notionalCoef !== 1) throw new RecordError("notionalCoef", `${s.symbol}: brackets scaled for one account (notionalCoef ${s.notionalCoef}), not the venue's table`);
    const brackets = s.brackets.map((b, i) => {
      const p = Bracket.safeParse(b);
      if (!p.success) throw new RecordError(`brackets[${i}].${p.error.issues[0].path.join(".")}`, `bracket ${i}: ${p.error.issues[0].message}`);
      return p.data;
    });
    return tierTable(
      s.symbol,
      brackets.map((b) => ({
        notionalFloorUsd: b.notionalFloor,
        notionalCapUsd: b.notionalCap,
        maxLeverage: b.initialLeverage,
        initialMarginRate: 1 / b.initialLeverage,
        maintenanceMarginRate: b.maintMarginRatio,
        maintenanceAmountUsd: b.cum,
      })),
      SOURCE,
      ctx.receivedTs,
    );
  });
}
