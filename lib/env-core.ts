// Configuration, validated once with zod. Importable from the Prisma config, the CLI and the server
// (lib/env.ts re-exports it for server code).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DATABASE_URL_PATTERN, providerOf, type DbProvider } from "./db-provider";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(DATABASE_URL_PATTERN, "DATABASE_URL must be a SQLite file URL such as file:./data/venuescope.db or a PostgreSQL URL such as postgresql://user@host:5432/venuescope")
    .default("file:./data/venuescope.db"),
  /// Project root; defaults to the working directory (npm scripts and next run from it).
  VENUESCOPE_ROOT: z.string().optional(),
  /// When set, mutating endpoints require `Authorization: Bearer <token>`.
  ADMIN_TOKEN: z.string().min(16).optional(),
  /// Interface `npm start` binds to (default 127.0.0.1, this machine only). A non-loopback host without
  /// ADMIN_TOKEN serves read-only: every mutating endpoint answers 403 (lib/api/auth.ts).
  VENUESCOPE_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /// Skip generating the simulated dataset on bootstrap (tests that only want the recorded data).
  VENUESCOPE_SKIP_SIMULATED: z.enum(["0", "1"]).default("0"),
  /// Facts older than this many days are flagged as stale.
  FACT_STALE_DAYS: z.coerce.number().int().positive().default(365),
  LIVE: z.enum(["0", "1"]).default("0"),
  /// A collector config file (JSON, README "Collecting"): `npm start` runs the collector beside the app.
  VENUESCOPE_COLLECT: z.string().trim().min(1).optional(),
  /// Largest file `venuescope import` accepts, in bytes. Not a whole positive number → start-up error (a typo
  /// such as "50MB" must not silently mean "no limit").
  IMPORT_MAX_BYTES: z
    .string()
    .trim()
    .regex(/^\d+$/, "IMPORT_MAX_BYTES must be a whole number of bytes, such as 52428800")
    .transform(Number)
    .pipe(z.number().int().positive("IMPORT_MAX_BYTES must be above 0").max(Number.MAX_SAFE_INTEGER))
    .optional(),
  /// Base URL of Binance Vision (default https://data.binance.vision); tests point it at a local server.
  BINANCE_VISION_URL: z.string().url().optional(),
  /// ccxt API base URLs to use instead of the venue's, as JSON ({"fapiPublic": "http://127.0.0.1:8080/fapi/v1"}): tests.
  VENUESCOPE_CCXT_API_URLS: z
    .string()
    .transform((s, ctx) => {
      try {
        return z.record(z.string(), z.string().url()).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: "custom", message: 'VENUESCOPE_CCXT_API_URLS must be a JSON object of URLs, e.g. {"fapiPublic":"http://127.0.0.1:8080/fapi/v1"}' });
        return z.NEVER;
      }
    })
    .optional(),
  /// Where `venuescope backfill` keeps downloaded archive files (default <project>/.cache/archives).
  VENUESCOPE_ARCHIVE_CACHE: z.string().optional(),
  /// Size cap of that cache in MiB (default 2048): the least recently used files are deleted beyond it.
  VENUESCOPE_ARCHIVE_CACHE_MB: z.coerce.number().int().positive().optional(),
  /// Tardis.dev API key for `backfill --source tardis`; without it only the first day of each month is fetched.
  TARDIS_API_KEY: z.string().trim().optional(),
  /// Base URL of Tardis's CSV datasets (default https://datasets.tardis.dev; tests point it at a local server).
  TARDIS_DATASETS_URL: z.string().url("TARDIS_DATASETS_URL must be a URL such as https://datasets.tardis.dev").optional(),
  /// AWS credentials: Hyperliquid's archive is an S3 bucket with requester pays (backfill --venue hyperliquid
  /// --source archive --kinds depth); the requests are signed with them and the transfer is billed to them.
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  /// Bybit's archive hosts (defaults https://public.bybit.com and https://quote-saver.bycsi.com; tests point them at a local server).
  BYBIT_TRADES_URL: z.string().url("BYBIT_TRADES_URL must be a URL").optional(),
  BYBIT_ORDERBOOK_URL: z.string().url("BYBIT_ORDERBOOK_URL must be a URL").optional(),
  /// Base URL of Hyperliquid's archive bucket (default https://hyperliquid-archive.s3.amazonaws.com; tests point it at a local server).
  HYPERLIQUID_ARCHIVE_URL: z.string().url("HYPERLIQUID_ARCHIVE_URL must be a URL").optional(),
  /// Where change events (fee schedules, margin tiers, funding intervals and caps, incidents, rank moves) are
  /// POSTed as JSON (lib/alerts/deliver.ts); unset or empty: events are only listed on /data and /api/events.
  ALERT_WEBHOOK_URL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .url("ALERT_WEBHOOK_URL must be an http(s) URL, such as https://hooks.example.com/venuescope")
      .refine((u) => /^https?:\/\//i.test(u), "ALERT_WEBHOOK_URL must be an http:// or https:// URL")
      .optional(),
  ),
  /// Days of raw trade prints kept per market, counted back from its newest print (older ones live on as
  /// per-minute aggregates). Default 30.
  TRADE_RAW_WINDOW_DAYS: z.coerce.number().positive("TRADE_RAW_WINDOW_DAYS must be a positive number of days").optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** True for a host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** One line for start-up: who can reach the server and who can change data. */
export function exposureSummary(e: Env = env()): string {
  const local = isLoopbackHost(e.VENUESCOPE_HOST);
  const where = local ? `listening on ${e.VENUESCOPE_HOST} (this machine only)` : `listening on ${e.VENUESCOPE_HOST} (reachable from the network)`;
  const writes = e.ADMIN_TOKEN
    ? "mutations need the admin token (bearer header or /admin sign-in)"
    : local
      ? "mutations open to anyone on this machine (no ADMIN_TOKEN)"
      : "read-only: no ADMIN_TOKEN, so every mutating endpoint answers 403";
  return `venuescope: ${where}; ${writes}`;
}

export function projectRoot(): string {
  return env().VENUESCOPE_ROOT ?? process.cwd();
}

/** The database DATABASE_URL names: "sqlite" (the default, file:) or "postgresql". */
export function databaseProvider(): DbProvider {
  return providerOf(env().DATABASE_URL);
}

/** Absolute path of a SQLite file URL (default: DATABASE_URL; relative paths resolve against the project root). */
export function sqliteFilePath(url = env().DATABASE_URL): string {
  if (providerOf(url) !== "sqlite") throw new Error("sqliteFilePath: DATABASE_URL names a PostgreSQL server, not a SQLite file");
  const raw = url.replace(/^file:/, "");
  const abs = path.isAbsolute(raw) ? raw : path.resolve(projectRoot(), raw);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  return abs;
}
