// Deribit dated futures and perpetuals as term quotes, from ticker records: WS ticker.{instrument}.{interval}
// notifications, REST public/ticker or public/get_order_book responses (same ticker fields), or a
// public/get_book_summary_by_currency?kind=future response. A body is one message or an array of them.
//
// Instruments: <CUR>-PERPETUAL (BTC-PERPETUAL; linear ones BTC_USDC-PERPETUAL) and dated futures <CUR>-<DMMMYY>
// (BTC-30SEP22). "Expirations always take place at 08:00 UTC" (https://legacy.deribit.com/pages/docs/futures),
// so the expiry is the name's date at 08:00 UTC. Options (…-<STRIKE>-C/P) and combos are left out.
// Inverse (BTC-settled) and linear (USDC-settled) futures both quote mark and index in USD per coin, so the
// basis (mark − index) / index needs no contract conversion.
// Index: the ticker's index_price; a book summary has none and carries estimated_delivery_price instead, which
// for a live future is the current index (the two are equal in every recorded ticker, e.g. 29939.87 in the
// 2022-06-02 BTC-30SEP22 one). Perpetual funding: funding_8h, the funding rate over 8 hours (public/ticker,
// https://docs.deribit.com/: "Funding 8h (perpetual only)"), stored with an 8-hour interval.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";
import { dmmmyyAt, parseTermBody, type TermQuoteSet } from "../dated-futures-kit";

const VENUE = "deribit";
/** Deribit's expiry hour, UTC (see the header). */
export const DERIBIT_EXPIRY_HOUR_UTC = 8;

const zFunding = zNum.nullable().optional();
const Ticker = z.object({ instrument_name: z.string(), timestamp: zEpochMs, mark_price: zNum, index_price: zNum.nullable(), funding_8h: zFunding });
const Summary = z.object({ instrument_name: z.string(), creation_timestamp: zEpochMs, mark_price: zNum.nullable(), estimated_delivery_price: zNum.nullable().optional(), funding_8h: zFunding });
const Message = z.union([
  z.object({ method: z.literal("subscription"), params: z.object({ channel: z.string(), data: Ticker }) }),
  z.object({ result: Ticker }),
  z.object({ result: z.array(Summary) }),
]);
const Body = z.union([z.array(Message), Message.transform((m) => [m])]);

interface Record {
  name: string;
  ts: number;
  mark: number | null;
  index: number | null;
  funding8h: number | null;
}

function records(body: unknown): Record[] {
  const out: Record[] = [];
  for (const m of parseTermBody(VENUE, Body, body)) {
    if ("params" in m) out.push({ name: m.params.data.instrument_name, ts: m.params.data.timestamp, mark: m.params.data.mark_price, index: m.params.data.index_price, funding8h: m.params.data.funding_8h ?? null });
    else if (Array.isArray(m.result)) for (const s of m.result) out.push({ name: s.instrument_name, ts: s.creation_timestamp, mark: s.mark_price, index: s.estimated_delivery_price ?? null, funding8h: s.funding_8h ?? null });
    else out.push({ name: m.result.instrument_name, ts: m.result.timestamp, mark: m.result.mark_price, index: m.result.index_price, funding8h: m.result.funding_8h ?? null });
  }
  return out;
}

/** Base asset of a Deribit perpetual or future name: the currency before the first "-", without a "_USDC" quote. */
export const deribitBase = (name: string) => name.split("-")[0].split("_")[0];

/** Expiry of a Deribit dated future (BTC-30SEP22 → 2022-09-30 08:00 UTC); null for anything else. */
export function deribitExpiryTs(name: string): number | null {
  const parts = name.split("-");
  return parts.length === 2 ? dmmmyyAt(parts[1], DERIBIT_EXPIRY_HOUR_UTC) : null;
}

export function deribitTermQuoteSet(body: unknown): TermQuoteSet {
  const set: TermQuoteSet = { futures: [], perps: [], leftOut: [] };
  for (const r of records(body)) {
    const base = deribitBase(r.name);
    if (r.name.endsWith("-PERPETUAL")) {
      set.perps.push({ symbol: r.name, base, ts: r.ts, markPrice: r.mark, indexPrice: r.index, fundingRate: r.funding8h, intervalHours: r.funding8h === null ? null : 8 });
      continue;
    }
    const expiry = deribitExpiryTs(r.name);
    if (expiry === null) set.leftOut.push({ symbol: r.name, reason: "not a perpetual or a dated future (<CUR>-<DMMMYY>)" });
    else if (expiry <= r.ts) set.leftOut.push({ symbol: r.name, reason: `expired at its quote time (${new Date(expiry).toISOString()})` });
    else if (r.mark === null) set.leftOut.push({ symbol: r.name, reason: "no mark price" });
    else set.futures.push({ symbol: r.name, base, expiryTs: expiry, ts: r.ts, markPrice: r.mark, indexPrice: r.index });
  }
  return set;
}
