// zod schemas of Deribit public JSON-RPC payloads (https://docs.deribit.com/). REST answers wrap the
// payload in {"jsonrpc","result",...}; WebSocket subscriptions in {"method":"subscription","params":{"channel","data"}}.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** REST book level: [price, amount]. */
export const RestLevel = z.tuple([zNum, zNum]).rest(z.unknown());
/** WebSocket book level: ["new"|"change"|"delete", price, amount]. */
export const WsLevel = z.tuple([z.enum(["new", "change", "delete"]), zNum, zNum]);

/** public/get_order_book result (also carries mark/index/funding/open interest for perpetuals). */
export const OrderBookResult = z.object({
  instrument_name: z.string().min(1),
  timestamp: zEpochMs,
  bids: z.array(RestLevel),
  asks: z.array(RestLevel),
  state: z.string().optional(),
});

/** WebSocket book.{instrument}.{interval} data: a snapshot, or a change against prev_change_id. */
export const WsBookData = z.object({
  instrument_name: z.string().min(1),
  timestamp: zEpochMs,
  type: z.enum(["snapshot", "change"]).optional(),
  prev_change_id: z.number().nullable().optional(),
  change_id: z.number().optional(),
  bids: z.array(WsLevel),
  asks: z.array(WsLevel),
});

/** public/ticker result and ticker.{instrument} data (perpetual fields optional: options have none). */
export const TickerLike = z.object({
  instrument_name: z.string().min(1),
  timestamp: zEpochMs,
  mark_price: zNum,
  index_price: zNum.nullable().optional(),
  open_interest: zNum.optional(),
  funding_8h: zNum.optional(),
  current_funding: zNum.optional(),
});

/** public/get_funding_rate_history result record (hourly; the body does not name the instrument). */
export const FundingHistoryRecord = z.object({
  timestamp: zEpochMs,
  interest_1h: zNum,
  interest_8h: zNum.optional(),
  index_price: zNum.nullable().optional(),
  prev_index_price: zNum.nullable().optional(),
});

/** A public trade (REST get_last_trades_by_instrument and WS trades.{instrument}). */
export const Trade = z.object({
  trade_id: z.union([z.string(), z.number()]),
  instrument_name: z.string().min(1),
  timestamp: zEpochMs,
  price: zNum,
  amount: zNum,
  direction: z.enum(["buy", "sell"]),
  /** M: maker side was liquidated, T: taker side, MT: both. Absent on ordinary trades. */
  liquidation: z.enum(["M", "T", "MT"]).optional(),
});

/** public/get_instruments record (fields ccxt's market parser reads). */
export const Instrument = z
  .object({
    instrument_name: z.string().min(1),
    kind: z.string().min(1),
    base_currency: z.string().min(1),
    /** Absent from older listings (a 2021 get_instruments body has none on BTC-PERPETUAL): derived then. */
    settlement_currency: z.string().min(1).optional(),
    quote_currency: z.string().min(1).optional(),
    settlement_period: z.string().optional(),
    contract_size: zNum,
    tick_size: zNum,
    is_active: z.boolean(),
    maker_commission: zNum.optional(),
    taker_commission: zNum.optional(),
    max_leverage: zNum.optional(),
  })
  .passthrough();
