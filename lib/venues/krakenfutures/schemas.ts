// zod schemas of Kraken Futures public payloads (https://docs.kraken.com/api/docs/futures-api/trading/market-data/)
// and of the WebSocket feeds (https://docs.kraken.com/api/docs/futures-api/websocket/) recorders keep.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** GET /derivatives/api/v3/orderbook?symbol=: the whole non-cumulative book, [price, qty] levels. */
export const OrderbookBody = z.object({
  result: z.literal("success"),
  orderBook: z.object({
    bids: z.array(z.tuple([zNum, zNum]).rest(z.unknown())),
    asks: z.array(z.tuple([zNum, zNum]).rest(z.unknown())),
  }),
  serverTime: zEpochMs.optional(),
});

const WsLevel = z.object({ price: zNum, qty: zNum });
/** WS feed "book_snapshot". */
export const WsBookSnapshot = z.object({
  feed: z.literal("book_snapshot"),
  product_id: z.string().min(1),
  timestamp: zEpochMs,
  seq: z.number().optional(),
  bids: z.array(WsLevel),
  asks: z.array(WsLevel),
});

/** GET /derivatives/api/v3/tickers entry (perpetuals carry funding and open interest). */
export const RestTicker = z.object({
  symbol: z.string().min(1),
  tag: z.string().optional(),
  markPrice: zNum,
  indexPrice: zNum.optional(),
  openInterest: zNum.optional(),
  /** Absolute rate: USD per contract for linear (PF_), coin per contract for inverse (PI_). */
  fundingRate: zNum.optional(),
  fundingRatePrediction: zNum.optional(),
  lastTime: zEpochMs.optional(),
  suspended: z.boolean().optional(),
});
export const TickersBody = z.object({ result: z.literal("success"), tickers: z.array(z.unknown()), serverTime: zEpochMs.optional() });

/** WS feed "ticker" (perpetuals: relative_funding_rate is the rate as a fraction of the price). */
export const WsTicker = z.object({
  feed: z.enum(["ticker", "ticker_snapshot"]),
  product_id: z.string().min(1),
  time: zEpochMs,
  tag: z.string().optional(),
  markPrice: zNum,
  index: zNum.optional(),
  openInterest: zNum.optional(),
  relative_funding_rate: zNum.optional(),
  next_funding_rate_time: zEpochMs.optional(),
});

/** GET /derivatives/api/v4/historicalfundingrates?symbol=: settled rates (the body does not name the market). */
export const FundingRateRecord = z.object({
  timestamp: zEpochMs,
  fundingRate: zNum,
  relativeFundingRate: zNum,
});
export const FundingHistoryBody = z.object({ result: z.literal("success").optional(), rates: z.array(z.unknown()) });

/** GET /derivatives/api/v3/history?symbol= entry: recent public trades; type marks liquidations. */
export const RestTrade = z.object({
  time: zEpochMs,
  price: zNum,
  size: zNum,
  side: z.enum(["buy", "sell"]),
  type: z.string().min(1),
});
/** WS feed "trade" (and the entries of "trade_snapshot"). */
export const WsTrade = z.object({
  product_id: z.string().min(1),
  time: zEpochMs,
  price: zNum,
  qty: zNum,
  side: z.enum(["buy", "sell"]),
  type: z.string().min(1),
});

/** GET /derivatives/api/v3/instruments entry (fields ccxt's market parser reads). */
export const Instrument = z
  .object({
    symbol: z.string().min(1),
    type: z.string().min(1),
    tradeable: z.boolean(),
    tickSize: zNum.optional(),
    contractSize: zNum.optional(),
  })
  .passthrough();
export const InstrumentsBody = z.object({ instruments: z.array(z.unknown()) }).passthrough();
