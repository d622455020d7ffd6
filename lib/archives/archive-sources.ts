// Where `venuescope backfill` downloads a venue's history files from, per source and kind: the file of each
// period (day or month), its checksum file when the source publishes one, the request headers, the import
// format that reads it, the request spacing and when a period counts as published. Pure.
//  - archive: the venue's own archive. Binance Vision for binance-usdm / binance-coinm (bookDepth, metrics,
//    fundingRate); Hyperliquid's S3 archive is requester-pays (see hyperliquidS3Reason).
//  - tardis:  Tardis.dev's CSV datasets for every venue Tardis records (lib/archives/tardis.ts): trades,
//    liquidations, book_snapshot_25 (depth), derivative_ticker (funding settlements and open interest).
import { DAY_MS } from "../metrics/time";
import type { RateLimit } from "../venues/rate-limit";
import type { ArchiveFormat } from "./formats";
import { dayStart, monthEnd, visionDailyPath, visionMonthlyPath, visionUrl, type VisionKind, type VisionMarket } from "./binance-vision";
import { TARDIS_DATA_TYPES, tardisDatasetPath, tardisExchangeFor, tardisFreeDay, type TardisKind } from "./tardis";

export interface ArchiveSourceConfig {
  /** Binance Vision base URL (https://data.binance.vision). */
  baseUrl: string;
  /** Tardis datasets base URL (https://datasets.tardis.dev). */
  tardisBaseUrl?: string;
  /** TARDIS_API_KEY; without it only the first day of each month is fetched. */
  tardisApiKey?: string;
  /** Whether AWS credentials are configured (Hyperliquid's requester-pays S3 archive). */
  awsCredentials?: boolean;
}

export interface ArchiveFile {
  /** Path under the cache directory (the source's own layout). */
  rel: string;
  url: string;
  checksumUrl: string | null;
  headers: Record<string, string>;
  format: ArchiveFormat;
  /** Recorded on the rows and the ingest run. */
  label: string;
}

export interface ArchivePlan {
  name: string;
  monthly: boolean;
  rateLimit: RateLimit;
  /** A period this recent that is missing may still be published: it does not move the cursor. */
  publishLagMs: number;
  file(symbol: string, period: string): ArchiveFile;
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

/** Why Hyperliquid's own archive is not fetched. */
export function hyperliquidS3Reason(awsCredentials: boolean): string {
  return awsCredentials
    ? "Hyperliquid's S3 archive (s3://hyperliquid-archive, requester-pays, LZ4-compressed l2Book / asset_ctxs files) is not downloaded by this version even with AWS credentials; import files you fetched yourself (aws s3 cp --request-payer requester …) with `venuescope import`, or use --source tardis"
    : "Hyperliquid's archive is on S3 with requester pays: it needs AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the downloader pays the transfer; without them use --source tardis, or import files fetched with `aws s3 cp --request-payer requester`";
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
    file(symbol, period) {
      const rel = spec.monthly ? visionMonthlyPath(market, spec.kind, symbol, period) : visionDailyPath(market, spec.kind, symbol, period);
      const url = visionUrl(cfg.baseUrl, rel);
      return { rel, url, checksumUrl: `${url}.CHECKSUM`, headers: {}, format: spec.format, label: `Binance Vision ${rel}` };
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
    file(symbol, day) {
      const rel = `tardis/${tardisDatasetPath(tardisExchangeFor(venue, symbol)!, spec.dataType, day, symbol)}`;
      return { rel, url: `${base}/${rel.slice("tardis/".length)}`, checksumUrl: null, headers: (key ? { authorization: `Bearer ${key}` } : {}) as Record<string, string>, format: spec.format, label: `Tardis ${rel.slice("tardis/".length)}` };
    },
    skip: (day) => (key || tardisFreeDay(day) ? null : "needs TARDIS_API_KEY (without a key Tardis serves only the first day of each month)"),
    endOf: dayEnd,
  };
}

/** The plan for a venue × kind from a file source, or why there is none. */
export function archivePlan(venue: string, kind: string, source: "archive" | "tardis", cfg: ArchiveSourceConfig, symbolHint: string | null = null): ArchivePlan | string {
  if (source === "tardis") return tardisPlan(venue, kind, symbolHint, cfg);
  if (venue === "hyperliquid") return hyperliquidS3Reason(cfg.awsCredentials === true);
  if (VISION_MARKET[venue]) return visionPlan(venue, kind, cfg);
  return `${venue} publishes no ${kind} archive Venuescope reads (Binance Vision covers binance-usdm and binance-coinm); try --source tardis`;
}
