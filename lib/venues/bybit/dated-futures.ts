// Bybit dated futures as term quotes, from GET /v5/market/tickers?category=linear|inverse: every contract of the
// category with mark, index and (dated ones) deliveryTime in one body, quoted at the body's `time` (the rows carry
// no time of their own).
//
// Expiry: the row's deliveryTime, which Bybit publishes for every dated contract (0 for perpetuals); it falls on
// 08:00 UTC — USDC futures "Expires at 8AM UTC on the delivery date" (FAQ — USDC Perpetual & Futures Contract,
// https://bybit.nl/en-NL/help-center/article/?id=000001374); BTC-29SEP23's 1695974400000 is 2023-09-29 08:00 UTC.
// Linear (USDC-settled) dated futures are named <BASE>-<DDMMMYY> (BTC-29SEP23), inverse ones <BASE>USD<month code><YY> (BTCUSDU23).
// The perpetual beside a base's curve is the one sharing its index: a USDC future "uses the index price of the
// corresponding Perpetual Contract" (https://www.bybit.kz/en-KAZ/help-center/article/Introduction-to-USDC-Contracts),
// i.e. <BASE>PERP (index 29166.14 for BTCPERP and every BTC USDC future in the 2023-08-16 body, against 29202.83 for
// the USDT-indexed BTCUSDT); for inverse futures the inverse perpetual <BASE>USD. Mark and index are USD per coin
// for linear and inverse contracts alike, so the basis needs no contract conversion.
// Funding: fundingRate per interval; the interval is the row's fundingIntervalHour when the body has it, else 8 h
// (BTC-PERP: "Funding Interval: Every 8 hours", same page).
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";
import { parseTermBody, type TermQuoteSet } from "../dated-futures-kit";

const VENUE = "bybit";
const DEFAULT_FUNDING_HOURS = 8;

const zNumOrEmpty = z.union([zNum, z.literal("").transform(() => null)]);
const Row = z.object({
  symbol: z.string(),
  markPrice: zNumOrEmpty,
  indexPrice: zNumOrEmpty,
  fundingRate: zNumOrEmpty.optional(),
  fundingIntervalHour: zNumOrEmpty.optional(),
  deliveryTime: z.union([zNum, z.literal("")]).optional(),
});
const Body = z.object({
  retCode: z.literal(0),
  result: z.object({ category: z.enum(["linear", "inverse"]), list: z.array(Row) }),
  time: zEpochMs,
});

const LINEAR_DATED = /^([A-Z0-9]+)-(\d{1,2}[A-Z]{3}\d{2})$/;
const INVERSE_DATED = /^([A-Z0-9]+)USD[FGHJKMNQUVXZ]\d{2}$/;

/** Base asset of a Bybit dated contract (BTC-29SEP23, BTCUSDU23 → BTC); null when the name is neither form. */
export function bybitDatedBase(symbol: string): string | null {
  return (LINEAR_DATED.exec(symbol) ?? INVERSE_DATED.exec(symbol))?.[1] ?? null;
}

/** The perpetual sharing the index of a base's dated contracts in a category (see the header). */
export const bybitCurvePerp = (base: string, category: "linear" | "inverse") => (category === "linear" ? `${base}PERP` : `${base}USD`);

export function bybitTermQuoteSet(body: unknown): TermQuoteSet {
  const b = parseTermBody(VENUE, Body, body);
  const ts = b.time;
  const set: TermQuoteSet = { futures: [], perps: [], leftOut: [] };
  const bases = new Set<string>();
  for (const r of b.result.list) {
    const delivery = typeof r.deliveryTime === "number" ? r.deliveryTime : 0;
    if (delivery === 0) continue; // a perpetual: taken below, only beside a curve
    const base = bybitDatedBase(r.symbol);
    if (base === null) set.leftOut.push({ symbol: r.symbol, reason: "dated, but the name is neither <BASE>-<DDMMMYY> nor <BASE>USD<month><YY>" });
    else if (delivery <= ts) set.leftOut.push({ symbol: r.symbol, reason: `expired at the body's time (${new Date(delivery).toISOString()})` });
    else if (r.markPrice === null) set.leftOut.push({ symbol: r.symbol, reason: "no mark price" });
    else {
      set.futures.push({ symbol: r.symbol, base, expiryTs: delivery, ts, markPrice: r.markPrice, indexPrice: r.indexPrice });
      bases.add(base);
    }
  }
  for (const base of bases) {
    const r = b.result.list.find((x) => x.symbol === bybitCurvePerp(base, b.result.category));
    if (!r) continue;
    const rate = r.fundingRate ?? null;
    set.perps.push({ symbol: r.symbol, base, ts, markPrice: r.markPrice, indexPrice: r.indexPrice, fundingRate: rate, intervalHours: rate === null ? null : (r.fundingIntervalHour ?? DEFAULT_FUNDING_HOURS) });
  }
  return set;
}
