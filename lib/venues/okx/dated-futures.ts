// OKX expiry futures and perpetual swaps as term quotes, from v5 bodies: REST /api/v5/public/mark-price
// (instType=FUTURES or SWAP), /api/v5/market/index-tickers, /api/v5/public/funding-rate, or the same rows pushed on
// the public WS channels mark-price, index-tickers and funding-rate. A body is one response/message or an array.
//
// Instruments: futures <BASE>-<QUOTE>-<YYMMDD> (BTC-USD-220624 inverse, FIL-USDT-220325 linear), swaps
// <BASE>-<QUOTE>-SWAP. Expiry: the YYMMDD date at 08:00 UTC — "Settlement time: 8:00 am UTC, Friday of the week of
// delivery" (https://www.okx.com/help/i-future-contracts); the instruments endpoint's expTime agrees (BTC-USD-220520:
// expTime 1653033600000 = 2022-05-20 08:00 UTC in cryptofeed's 2022-05-13 recording).
// Mark rows carry no index. A contract's index is the index-tickers row of its own <BASE>-<QUOTE> pair: BTC-USD for
// the coin-margined (inverse) BTC-USD-… contracts, BTC-USDT for the USDT-margined (linear) ones, so a basis never
// mixes a USD index with a USDT one; markPx and idxPx are both quote currency per coin whatever the contract type.
// The index quote nearest in time to the mark is used, if within MAX_QUOTE_AGE_MS; else the index is null.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";
import { parseTermBody, yymmddAt, type TermQuoteSet } from "../dated-futures-kit";
import { HOUR_MS } from "../../metrics/time";
import { MAX_QUOTE_AGE_MS } from "../../metrics/term-structure";

const VENUE = "okx";
/** OKX's expiry hour, UTC (see the header). */
export const OKX_EXPIRY_HOUR_UTC = 8;

// OKX sends "" for a value it does not have.
const zNumOrEmpty = z.union([zNum, z.literal("").transform(() => null)]);
const MarkRow = z.object({ instId: z.string(), instType: z.string(), markPx: zNumOrEmpty, ts: zEpochMs });
const IndexRow = z.object({ instId: z.string(), idxPx: zNum, ts: zEpochMs });
const FundingRow = z.object({ instId: z.string(), instType: z.string(), fundingRate: zNumOrEmpty, fundingTime: zEpochMs, nextFundingTime: z.union([zEpochMs, z.literal("")]).optional() });
// Rows are told apart by their fields (a REST body does not name its endpoint).
const Row = z.union([MarkRow, IndexRow, FundingRow]);
const Message = z.object({ code: z.string().optional(), data: z.array(Row) }).refine((m) => m.code === undefined || m.code === "0", { message: "OKX error code (code ≠ \"0\")", path: ["code"] });
const Body = z.union([z.array(Message), Message.transform((m) => [m])]);

const FUTURE = /^([A-Z0-9]+)-([A-Z0-9]+)-(\d{6})$/;
const SWAP = /^([A-Z0-9]+)-([A-Z0-9]+)-SWAP$/;

/** Base asset and index pair of an OKX futures or swap id (FIL-USDT-220325 → FIL, FIL-USDT); null otherwise. */
export function okxUnderlying(instId: string): { base: string; index: string } | null {
  const m = FUTURE.exec(instId) ?? SWAP.exec(instId);
  return m ? { base: m[1], index: `${m[1]}-${m[2]}` } : null;
}

/** Expiry of an OKX futures id (BTC-USD-220624 → 2022-06-24 08:00 UTC); null when not a futures id or no such date. */
export function okxExpiryTs(instId: string): number | null {
  const m = FUTURE.exec(instId);
  return m ? yymmddAt(m[3], OKX_EXPIRY_HOUR_UTC) : null;
}

export function okxTermQuoteSet(body: unknown): TermQuoteSet {
  const rows = parseTermBody(VENUE, Body, body).flatMap((m) => m.data);
  const marks: z.output<typeof MarkRow>[] = [];
  const indexes = new Map<string, { px: number; ts: number }[]>();
  const funding = new Map<string, z.output<typeof FundingRow>>();
  for (const r of rows) {
    if ("markPx" in r) marks.push(r);
    else if ("idxPx" in r) indexes.set(r.instId, [...(indexes.get(r.instId) ?? []), { px: r.idxPx, ts: r.ts }]);
    else if ("fundingRate" in r) funding.set(r.instId, r);
  }
  const indexNear = (pair: string, ts: number): number | null => {
    let best: { px: number; ts: number } | null = null;
    for (const q of indexes.get(pair) ?? []) if (Math.abs(q.ts - ts) <= MAX_QUOTE_AGE_MS && (!best || Math.abs(q.ts - ts) < Math.abs(best.ts - ts))) best = q;
    return best?.px ?? null;
  };
  const set: TermQuoteSet = { futures: [], perps: [], leftOut: [] };
  for (const m of marks) {
    const u = okxUnderlying(m.instId);
    if (u === null || (m.instType !== "FUTURES" && m.instType !== "SWAP")) {
      set.leftOut.push({ symbol: m.instId, reason: `not an expiry future or a swap (${m.instType})` });
      continue;
    }
    if (m.markPx == null) {
      set.leftOut.push({ symbol: m.instId, reason: "no mark price" });
      continue;
    }
    const index = indexNear(u.index, m.ts);
    if (m.instType === "SWAP") {
      const f = funding.get(m.instId);
      const next = f && typeof f.nextFundingTime === "number" ? f.nextFundingTime : null;
      // The interval between the two settlement times OKX publishes; null when the next one is not given.
      const intervalHours = f && next !== null && next > f.fundingTime ? (next - f.fundingTime) / HOUR_MS : null;
      set.perps.push({ symbol: m.instId, base: u.base, ts: m.ts, markPrice: m.markPx, indexPrice: index, fundingRate: f?.fundingRate ?? null, intervalHours });
      continue;
    }
    const expiry = okxExpiryTs(m.instId);
    if (expiry === null) set.leftOut.push({ symbol: m.instId, reason: "no valid YYMMDD expiry in the id" });
    else if (expiry <= m.ts) set.leftOut.push({ symbol: m.instId, reason: `expired at its quote time (${new Date(expiry).toISOString()})` });
    else set.futures.push({ symbol: m.instId, base: u.base, expiryTs: expiry, ts: m.ts, markPrice: m.markPx, indexPrice: index });
  }
  return set;
}
