// The contract every venue connector implements: what it can fetch (a `has` map), how it fetches raw
// bodies (live), and how it parses a raw body into our rows (shared by live, replay and file import).
import type { Level } from "../metrics/types";

export const DATA_KINDS = ["markets", "depth", "funding", "fees", "liquidations", "oi", "insurance", "margin"] as const;
export type DataKind = (typeof DATA_KINDS)[number];
/**
 * What a raw capture holds: a data kind, or "term" — a venue's dated-futures and perpetual quotes for the term
 * structure (lib/venues/dated-futures.ts), fetched and stored beside the connectors' kinds (lib/ingest/term-quotes-live.ts).
 */
export const CAPTURE_KINDS = [...DATA_KINDS, "term"] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

export const PROVENANCES = ["live", "recorded", "simulated"] as const;
export type Provenance = (typeof PROVENANCES)[number];

/**
 * What a connector can obtain from the venue's public API. `false` means the venue does not publish it
 * (shown as "not published by venue", never as zero); a string explains a partial answer.
 */
export type Capabilities = Record<DataKind, boolean>;
export type CapabilityNotes = Partial<Record<DataKind, string>>;

export interface VenueInfo {
  slug: string;
  name: string;
  kind: "cex" | "dex";
  chain: string | null;
  websiteUrl: string;
  docsUrl: string;
  apiDocsUrl: string;
}

export interface MarketRow {
  symbol: string;
  base: string;
  quote: string;
  settle: string;
  contractType: "linear" | "inverse";
  sizeUnit: "base" | "contracts" | "usd";
  /** Base units per contract for linear contracts, USD per contract for inverse ones. */
  contractSize: number;
  tickSize: number | null;
  maxLeverage: number | null;
  fundingIntervalHours: number | null;
  fundingCapRate?: number | null;
  fundingFloorRate?: number | null;
  active: boolean;
}

export interface BookRow {
  symbol: string;
  exchangeTs: number | null;
  receivedTs: number;
  /** [price, size in base asset], best first. */
  bids: Level[];
  asks: Level[];
  levelLimit: number | null;
  truncated: boolean;
  /** True when levels past the first `exactLevels` per side are coarse price buckets (merged aggregated passes). */
  aggregated?: boolean;
  exactLevels?: number | null;
}

export interface FundingRow {
  symbol: string;
  fundingTime: number;
  rate: number;
  intervalHours: number | null;
  premium: number | null;
  markPrice: number | null;
  indexPrice: number | null;
  /** A published estimate of the coming rate rather than a settled one. */
  predicted: boolean;
}

export interface FeeRow {
  scope: string;
  tier: string;
  makerRate: number;
  takerRate: number;
  effectiveFrom: number;
  source: string;
}

export interface LiquidationRow {
  symbol: string;
  ts: number;
  side: "buy" | "sell";
  price: number;
  sizeBase: number;
  notionalUsd: number;
}

export interface OiRow {
  symbol: string;
  ts: number;
  /**
   * Null when the body gives only the USD value and no price (Bybit inverse open-interest history counts USD
   * contracts); the writer then converts at a stored mark/mid nearby, and skips the reading when there is none.
   */
  sizeBase: number | null;
  /** Null when the body carries no price; the writer then values it at a stored mark/mid nearby. */
  valueUsd: number | null;
}

export interface InsuranceRow {
  ts: number;
  asset: string;
  balanceUsd: number;
}

/** One row of a tier table: position notional in USD, rates as fractions of notional. */
export interface MarginTierRow {
  /** 1-based, in order of notional. */
  tier: number;
  /** Where the tier starts (inclusive) and ends (exclusive; null = no upper bound), USD. */
  notionalFloorUsd: number;
  notionalCapUsd: number | null;
  maxLeverage: number;
  initialMarginRate: number;
  maintenanceMarginRate: number;
  /** USD deducted from notional × maintenance rate (Binance "cum", Bybit mmDeduction); 0 where none applies. */
  maintenanceAmountUsd: number;
}

/**
 * Margin rules a body carries: a market's whole tier table ("*" = the venue default), the venue's margin
 * policy, or one collateral asset's haircut. `source` names the endpoint or document, `asOf` (epoch ms)
 * when the numbers were in force.
 */
export type MarginRow =
  | { type: "tiers"; symbol: string; tiers: MarginTierRow[]; source: string; asOf: number }
  | {
      type: "policy";
      crossMargin: boolean;
      isolatedMargin: boolean;
      liquidationFeeRate: number | null;
      liquidationStyle: "full" | "partial";
      note: string | null;
      source: string;
      asOf: number;
    }
  | { type: "collateral"; asset: string; haircut: number; source: string; asOf: number };

export interface RowsByKind {
  markets: MarketRow;
  depth: BookRow;
  funding: FundingRow;
  fees: FeeRow;
  liquidations: LiquidationRow;
  oi: OiRow;
  insurance: InsuranceRow;
  margin: MarginRow;
}

/** A record refused by validation: named venue, market and field, so an operator can find it. */
export interface Rejection {
  venue: string;
  symbol: string | null;
  field: string;
  message: string;
  index: number | null;
}

export interface ParseResult<K extends DataKind> {
  rows: RowsByKind[K][];
  rejected: Rejection[];
}

export interface ParseContext {
  venue: string;
  /** Markets already known (from the database or parsed in the same run), by venue symbol. */
  markets: ReadonlyMap<string, MarketRow>;
  /** Venue symbol when the body does not name it (single-market endpoints). */
  symbol: string | null;
  /** When the body was obtained (epoch ms): the fallback time for bodies without a timestamp. */
  receivedTs: number;
  /** Levels per side that were requested, when known. */
  levelLimit: number | null;
}

/** One HTTP exchange with a venue, as recorded by `--record` and replayed by `import <dir>`. */
export interface RawCapture {
  venue: string;
  kind: CaptureKind;
  symbol: string | null;
  receivedTs: number;
  levelLimit: number | null;
  request: { method: string; url: string; params?: Record<string, unknown> };
  body: unknown;
}

export interface FetchRequest {
  symbols: string[];
  levelLimit?: number;
  /**
   * History window, epoch ms, both ends inclusive. With `since`, history endpoints page (lib/venues/paging.ts)
   * until [since, until ?? now] is covered or their page cap stops them (reported through http.warn);
   * without it they fetch one page of the most recent records.
   */
  since?: number;
  until?: number;
  /** Upper bound on history pages per symbol; connectors default to HISTORY_MAX_PAGES (paging.ts). */
  maxPages?: number;
  /**
   * Backfill: only the history endpoints, none of the current-state calls a kind also makes (the predicted
   * funding rate, the live open-interest reading). Connectors without such calls ignore it.
   */
  historyOnly?: boolean;
}

/** HTTP access handed to a connector: records every exchange, retries transient failures. */
export interface VenueHttp {
  /** Every exchange made through this object so far, in order (what `--record` saves). */
  readonly captures: RawCapture[];
  /** A ccxt exchange instance (rate limiter on) for venues ccxt covers. */
  ccxt<T = unknown>(): Promise<T>;
  /** Call a ccxt implicit API method (e.g. fapiPublicGetDepth) and capture its raw body. */
  ccxtCall(method: string, params: Record<string, unknown>, meta: CaptureMeta): Promise<unknown>;
  /** Run a ccxt unified call (e.g. fetchMarkets) capturing every raw body it requests. */
  ccxtUnified<T>(fn: (exchange: any) => Promise<T>, meta: CaptureMeta): Promise<T>;
  /**
   * Plain JSON over HTTP for native adapters (endpoints ccxt lacks). ccxt's rate limiter does not see these
   * requests: pass the endpoint's documented budget as `rateLimit` (rate-limit.ts).
   */
  json(url: string, init: { method?: "GET" | "POST"; body?: unknown; rateLimit?: RateLimit }, meta: CaptureMeta): Promise<unknown>;
  /** What a fetch could not cover although it asked (a history walk stopped by its page cap). */
  readonly warnings: Rejection[];
  /** Report such a shortfall; the run lists it among its rejections (status "partial"). */
  warn(rejection: Rejection): void;
}

export interface CaptureMeta {
  kind: CaptureKind;
  symbol: string | null;
  levelLimit?: number | null;
}

export interface VenueConnector {
  info: VenueInfo;
  has: Capabilities;
  notes: CapabilityNotes;
  /** ccxt exchange id when ccxt covers the venue. */
  ccxtId: string | null;
  /** Venue symbols ingested when the user names none, and how to build one from a base asset. */
  defaultBases: string[];
  symbolFor(base: string): string;
  /**
   * Market metadata for a symbol not yet in the database, when the symbol alone determines it
   * (base-sized linear venues). Return null when contract size must come from the venue's metadata.
   */
  inferMarket?(symbol: string): MarketRow | null;
  /** Fetch raw bodies for one kind through `http`, which captures each one for parsing and recording. */
  fetch(kind: DataKind, http: VenueHttp, req: FetchRequest): Promise<void>;
  /** Parse one raw body of a kind; the same function serves live, replay and file import. */
  parse<K extends DataKind>(kind: K, body: unknown, ctx: ParseContext): Promise<ParseResult<K>>;
}

/** A documented request budget for native calls (rate-limit.ts spaces the calls that share its key). */
export interface RateLimit {
  /** Requests that share a budget share a key, e.g. "bitmex:rest". */
  key: string;
  requests: number;
  perMs: number;
  /** Where the budget is documented. */
  source: string;
}
