// Where `venuescope backfill` downloads a venue's history files from, per source and kind: the file of each
// period (day or month), its checksum file when the source publishes one, the request headers, the import
// format that reads it, the request spacing and when a period counts as published. Pure.
//  - archive: the venue's own archive. Binance Vision for binance-usdm / binance-coinm (bookDepth, metrics,
//    fundingRate); Bybit's daily trade and order-book files; Hyperliquid's S3 archive (l2Book, asset_ctxs;
//    requester-pays: signed with the user's AWS credentials).
//  - tardis:  Tardis.dev's CSV datasets for every venue Tardis records (lib/archives/tardis.ts): trades,
//    liquidations, book_snapshot_25 (depth), derivative_ticker (funding settlements and open interest).
import aws4 from "aws4";
import { DAY_MS } from "../metrics/time";
import type { RateLimit } from "../venues/rate-limit";
import type { ArchiveFormat } from "./formats";
import { dayStart, monthEnd, visionDailyPath, visionMonthlyPath, visionUrl, type VisionKind, type VisionMarket } from "./binance-vision";
import { categoryOf } from "../venues/bybit/symbols";
import { BYBIT_ORDERBOOK_DEPTHS, BYBIT_ORDERBOOK_URL, BYBIT_TRADES_URL, bybitOrderbookPath, bybitTradesPath } from "./bybit-archive";
import { TARDIS_DATA_TYPES, tardisDatasetPath, tardisExchangeFor, tardisFreeDay, type TardisKind } from "./tardis";

export interface ArchiveSourceConfig {
  /** Binance Vision base URL (https://data.binance.vision). */
  baseUrl: string;
  /** Tardis datasets base URL (https://datasets.tardis.dev). */
  tardisBaseUrl?: string;
  /** TARDIS_API_KEY; without it only the first day of each month is fetched. */
  tardisApiKey?: string;
  /** AWS credentials, for Hyperliquid's requester-pays S3 archive. */
  aws?: AwsCredentials | null;
  /** Base URL of Hyperliquid's archive bucket (default https://hyperliquid-archive.s3.amazonaws.com). */
  hyperliquidArchiveUrl?: string;
  /** Bybit's trade and order-book archive hosts (defaults in lib/archives/bybit-archive.ts). */
  bybitTradesUrl?: string;
  bybitOrderbookUrl?: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ArchiveFile {
  /** Path under the cache directory (the source's own layout). */
  rel: string;
  url: string;
  checksumUrl: string | null;
  headers: Record<string, string>;
  /** Headers computed just before the request (an S3 signature is valid for 15 minutes). */
  sign?: () => Record<string, string>;
  format: ArchiveFormat;
  /** Recorded on the rows and the ingest run. */
  label: string;
  /** Tried when this file is not published (Bybit's order books moved from ob500 to ob200 files). */
  fallback?: ArchiveFile;
}

export interface ArchivePlan {
  name: string;
  monthly: boolean;
  rateLimit: RateLimit;
  /** A period this recent that is missing may still be published: it does not move the cursor. */
  publishLagMs: number;
  /** The files of a period (one, or one per hour for Hyperliquid's S3 archive). */
  files(symbol: string, period: string): ArchiveFile[];
  /** Why a period is not fetched at all (not a failure; the cursor stays before it), or null. */
  skip(period: string): string | null;
  /** Last millisecond a period covers. */
  endOf(period: string): number;
}

/** Binance Vision market segment of a venue, for the venues whose history it holds. */
const VISION_MARKET: Record<string, VisionMarket> = { "binance-usdm": "um", "binance-coinm": "cm" };
/** The Binance Vision file each kind is backfilled from, its period and the import format that reads it. */
const VISION_ARCHIVE: Partial<Record<string, { kind: VisionKind; monthly: boolean; format: ArchiveFormat }>> = {
  depth: { kind: "bookDepth", monthly: false, format: "binance-bookdepth" },
  oi: { kind: "metrics", monthly: false, format: "binance-metrics" },
  funding: { kind: "fundingRate", monthly: true, format: "binance-funding-rate" },
};
/**
 * Binance Vision has no documented request budget (it is a static file host); downloads are spaced to 5 a
 * second anyway, to stay a polite client.
 */
const VISION_RATE: RateLimit = { key: "binance-vision", requests: 5, perMs: 1000, source: "no published limit; a courtesy spacing" };
/** Tardis documents no limit for dataset downloads; one every 200 ms keeps a backfill polite. */
const TARDIS_RATE: RateLimit = { key: "tardis-datasets", requests: 5, perMs: 1000, source: "no published limit for datasets; a courtesy spacing" };
/** Binance writes a day's file after the day ends; 2 days of grace before a 404 counts as never published. */
const PUBLISH_LAG_MS = 2 * DAY_MS;

const dayEnd = (day: string) => dayStart(day) + DAY_MS - 1;

/** Hyperliquid uploads its archive in batches (roughly monthly); a missing hour younger than this may still come. */
const HYPERLIQUID_PUBLISH_LAG_MS = 45 * DAY_MS;
const HYPERLIQUID_RATE: RateLimit = { key: "hyperliquid-s3", requests: 10, perMs: 1000, source: "S3 request rates are far higher; a courtesy spacing (the requester pays each request)" };

/**
 * Hyperliquid's own archive (https://hyperliquid.gitbook.io/hyperliquid-docs/historical-data): the bucket
 * hyperliquid-archive (us-east-1) is requester-pays, so every request is signed (AWS Signature V4, with the
 * aws4 library) and carries `x-amz-request-payer: requester`; the downloader pays the transfer. Book data is
 * market_data/<YYYYMMDD>/<H>/l2Book/<coin>.lz4 (hour unpadded, 0–23): an LZ4 frame of JSON lines, each the
 * WebSocket l2Book message (top 20 levels a side) wrapped as {time, ver_num, raw}, about one every 5 s; every
 * perp's context once a minute is asset_ctxs/<YYYYMMDD>.csv.lz4 (open interest, which no API keeps a history
 * of). Funding comes from the API (fundingHistory: settled rates), trades from Tardis.
 */
function hyperliquidPlan(kind: string, cfg: ArchiveSourceConfig): ArchivePlan | string {
  if (kind !== "depth" && kind !== "oi") return `Hyperliquid's S3 archive is read for depth (l2Book) and open interest (asset_ctxs); ${kind === "funding" ? "funding history comes from --source api (fundingHistory, settled rates)" : "trades and liquidations come from --source tardis or `venuescope import` of Hyperliquid's published CSVs"}`;
  const creds = cfg.aws;
  if (!creds) return "Hyperliquid's archive is on S3 with requester pays: it needs AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the downloader pays the transfer; without them use --source tardis, or import files fetched with `aws s3 cp --request-payer requester`";
  const base = (cfg.hyperliquidArchiveUrl ?? "https://hyperliquid-archive.s3.amazonaws.com").replace(/\/+$/, "");
  const file = (key: string, format: ArchiveFormat): ArchiveFile => {
    const url = `${base}/${key}`;
    return { rel: `hyperliquid-archive/${key}`, url, checksumUrl: null, headers: {}, sign: () => signS3Get(url, creds), format, label: `Hyperliquid S3 ${key}` };
  };
  return {
    name: "Hyperliquid S3",
    monthly: false,
    rateLimit: HYPERLIQUID_RATE,
    publishLagMs: HYPERLIQUID_PUBLISH_LAG_MS,
    files: (coin, day) => {
      if (!/^[A-Za-z0-9]+$/.test(coin)) throw new Error(`not a Hyperliquid archive coin: ${JSON.stringify(coin)}`);
      const ymd = day.replaceAll("-", "");
      // one file a day for every coin's context; one per hour and coin for books
      if (kind === "oi") return [file(`asset_ctxs/${ymd}.csv.lz4`, "hyperliquid-s3-asset-ctxs")];
      return Array.from({ length: 24 }, (_, h) => file(`market_data/${ymd}/${h}/l2Book/${coin}.lz4`, "hyperliquid-s3-l2book"));
    },
    skip: () => null,
    endOf: dayEnd,
  };
}

/** Headers of a signed, requester-pays S3 GET (AWS Signature V4 by aws4, region us-east-1). */
export function signS3Get(url: string, creds: AwsCredentials, region = "us-east-1"): Record<string, string> {
  const u = new URL(url);
  const signed = aws4.sign({ host: u.host, path: `${u.pathname}${u.search}`, method: "GET", service: "s3", region, headers: { "x-amz-request-payer": "requester" } }, creds);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers ?? {})) if (k.toLowerCase() !== "host") out[k.toLowerCase()] = String(v);
  return out;
}

/** Bybit has no documented request budget for its archive hosts; 5 a second keeps a backfill polite. */
const BYBIT_ARCHIVE_RATE: RateLimit = { key: "bybit-archive", requests: 5, perMs: 1000, source: "no published limit for the archive hosts; a courtesy spacing" };

/**
 * Bybit's daily archives (lib/archives/bybit-archive.ts): trades from public.bybit.com, order books from
 * quote-saver.bycsi.com (ob200 files, else ob500 for days before the switch). No checksum files are published;
 * integrity rests on a clean gunzip / unzip (yauzl checks each entry's CRC).
 */
function bybitPlan(kind: string, cfg: ArchiveSourceConfig): ArchivePlan | string {
  if (kind !== "depth" && kind !== "trades") return `Bybit publishes no ${kind} archive (its trade and order-book files only); ${kind === "liquidations" ? "use --source tardis" : "use --source api"}`;
  const trades = (cfg.bybitTradesUrl ?? BYBIT_TRADES_URL).replace(/\/+$/, "");
  const books = (cfg.bybitOrderbookUrl ?? BYBIT_ORDERBOOK_URL).replace(/\/+$/, "");
  const file = (base: string, rel: string, format: ArchiveFormat): ArchiveFile => ({ rel: `bybit/${rel}`, url: `${base}/${rel}`, checksumUrl: null, headers: {}, format, label: `Bybit archive ${rel}` });
  return {
    name: "Bybit archive",
    monthly: false,
    rateLimit: BYBIT_ARCHIVE_RATE,
    publishLagMs: PUBLISH_LAG_MS,
    files: (symbol, day) => {
      if (kind === "trades") return [file(trades, bybitTradesPath(symbol, day), "bybit-trades-csv")];
      // the newest depth first, each older one the fallback of the one before
      const chain = BYBIT_ORDERBOOK_DEPTHS.map((d) => file(books, bybitOrderbookPath(categoryOf(symbol), symbol, day, d), "bybit-ob500"));
      return [chain.reduceRight((older: ArchiveFile | undefined, f) => ({ ...f, fallback: older }), undefined)!];
    },
    skip: () => null,
    endOf: dayEnd,
  };
}

function visionPlan(venue: string, kind: string, cfg: ArchiveSourceConfig): ArchivePlan | string {
  const market = VISION_MARKET[venue];
  const spec = VISION_ARCHIVE[kind];
  if (!market || !spec) return `no ${kind} archive on Binance Vision for ${venue}`;
  return {
    name: "Binance Vision",
    monthly: spec.monthly,
    rateLimit: VISION_RATE,
    publishLagMs: PUBLISH_LAG_MS,
    files: (symbol, period) => {
      const rel = spec.monthly ? visionMonthlyPath(market, spec.kind, symbol, period) : visionDailyPath(market, spec.kind, symbol, period);
      const url = visionUrl(cfg.baseUrl, rel);
      return [{ rel, url, checksumUrl: `${url}.CHECKSUM`, headers: {}, format: spec.format, label: `Binance Vision ${rel}` }];
    },
    skip: () => null,
    endOf: (p) => (spec.monthly ? monthEnd(p) : dayEnd(p)),
  };
}

function tardisPlan(venue: string, kind: string, symbolHint: string | null, cfg: ArchiveSourceConfig): ArchivePlan | string {
  const spec = (TARDIS_DATA_TYPES as Record<string, (typeof TARDIS_DATA_TYPES)[TardisKind] | undefined>)[kind];
  if (!spec) return `Tardis publishes no ${kind} dataset`;
  if (!tardisExchangeFor(venue, symbolHint ?? "")) return `Tardis records no exchange Venuescope maps to ${venue}`;
  const base = (cfg.tardisBaseUrl ?? "https://datasets.tardis.dev").replace(/\/+$/, "");
  const key = cfg.tardisApiKey?.trim() || null;
  return {
    name: "Tardis",
    monthly: false,
    rateLimit: TARDIS_RATE,
    publishLagMs: PUBLISH_LAG_MS,
    files: (symbol, day) => {
      const rel = `tardis/${tardisDatasetPath(tardisExchangeFor(venue, symbol)!, spec.dataType, day, symbol)}`;
      return [{ rel, url: `${base}/${rel.slice("tardis/".length)}`, checksumUrl: null, headers: (key ? { authorization: `Bearer ${key}` } : {}) as Record<string, string>, format: spec.format, label: `Tardis ${rel.slice("tardis/".length)}` }];
    },
    skip: (day) => (key || tardisFreeDay(day) ? null : "needs TARDIS_API_KEY (without a key Tardis serves only the first day of each month)"),
    endOf: dayEnd,
  };
}

/** The plan for a venue × kind from a file source, or why there is none. */
export function archivePlan(venue: string, kind: string, source: "archive" | "tardis", cfg: ArchiveSourceConfig, symbolHint: string | null = null): ArchivePlan | string {
  if (source === "tardis") return tardisPlan(venue, kind, symbolHint, cfg);
  if (venue === "hyperliquid") return hyperliquidPlan(kind, cfg);
  if (venue === "bybit") return bybitPlan(kind, cfg);
  if (VISION_MARKET[venue]) return visionPlan(venue, kind, cfg);
  return `${venue} publishes no ${kind} archive Venuescope reads (archives read: Binance Vision for binance-usdm and binance-coinm, Bybit's trade and order-book files, Hyperliquid's S3 l2Book and asset_ctxs); try --source tardis`;
}
