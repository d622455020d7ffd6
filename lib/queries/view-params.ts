// URL state of the dashboard views (scorecards, compare, venue page): notional, window, asset, simulated
// venues shown, weights, compared venues and market. The fields are the views' own query schemas
// (ScorecardQueryFields in lib/views/scorecard.ts, MarketQueryFields in lib/views/venue.ts), read leniently —
// a bad value falls back to its default so an edited link still opens — and serializing leaves defaults out
// so links stay short. Shared by server pages (to prefetch the same query keys) and client views (to read
// and write the URL).
import { ITEM_IDS, type Weights } from "../scoring/items";
import { DEFAULT_ASSET, DEFAULT_NOTIONAL_USD, formatWeights, lenient, lenientWeights, zVenueSlug } from "../views/params";
import { ScorecardQueryFields } from "../views/scorecard";
import { MarketQueryFields } from "../views/venue";
import { DEFAULT_WINDOW, WINDOW_PRESETS, type WindowPreset } from "../views/windows";

export { DEFAULT_ASSET, DEFAULT_NOTIONAL_USD, MAX_NOTIONAL_USD, MAX_WEIGHT } from "../views/params";
export { formatWeights, lenientWeights as parseWeights } from "../views/params";

export const NOTIONAL_PRESETS_USD = [100_000, 1_000_000, 5_000_000] as const;
export const ASSET_CHOICES = ["BTC", "ETH", "SOL"] as const;
export const WINDOW_CHOICES = Object.keys(WINDOW_PRESETS) as WindowPreset[];
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

export interface ViewParams {
  notional: number;
  window: WindowPreset;
  asset: string;
  /** Show simulated (fictional) venues. */
  simulated: boolean;
  weights: Weights;
  /** Compared venues (compare page), in URL order. */
  venues: string[];
  /** Market symbol (venue page); null = the venue's default market. */
  symbol: string | null;
}

export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function getter(sp: SearchInput): (k: string) => string | undefined {
  if (sp instanceof URLSearchParams) return (k) => sp.get(k) ?? undefined;
  return (k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
}

export function sameWeights(a: Weights, b: Weights): boolean {
  return ITEM_IDS.every((id) => a[id] === b[id]);
}

/** The compared venues of ?venues=a,b: venue ids (others dropped), each once, at most MAX_COMPARE. */
function compareVenues(param: string | undefined): string[] {
  const ids = (param ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => zVenueSlug.safeParse(s).success);
  return [...new Set(ids)].slice(0, MAX_COMPARE);
}

export function parseViewParams(sp: SearchInput): ViewParams {
  const get = getter(sp);
  return {
    notional: lenient(ScorecardQueryFields.notional, get("notional"), DEFAULT_NOTIONAL_USD),
    // Pages offer presets only; a from/to window is for the API and the CLI.
    window: lenient(ScorecardQueryFields.window.unwrap(), get("window"), DEFAULT_WINDOW),
    asset: lenient(ScorecardQueryFields.asset, get("asset"), DEFAULT_ASSET),
    // Real venues by default; simulated (demo) venues only when asked for (?simulated=1 or show).
    simulated: ["show", "1"].includes(lenient(ScorecardQueryFields.simulated, get("simulated"), "hide")),
    weights: lenientWeights(get("weights")),
    venues: compareVenues(get("venues")),
    symbol: lenient(MarketQueryFields.symbol.nullable(), get("symbol") ?? null, null),
  };
}

/** The query string (with "?", or "" when everything is default) for view params; `keys` limits what is written. */
export function viewSearch(p: ViewParams, keys: readonly (keyof ViewParams)[] = ["notional", "window", "asset", "simulated", "weights", "venues", "symbol"]): string {
  const parts: [string, string][] = [];
  const want = new Set(keys);
  if (want.has("venues") && p.venues.length) parts.push(["venues", p.venues.join(",")]);
  if (want.has("symbol") && p.symbol) parts.push(["symbol", p.symbol]);
  if (want.has("notional") && p.notional !== DEFAULT_NOTIONAL_USD) parts.push(["notional", String(p.notional)]);
  if (want.has("window") && p.window !== DEFAULT_WINDOW) parts.push(["window", p.window]);
  if (want.has("asset") && p.asset !== DEFAULT_ASSET) parts.push(["asset", p.asset]);
  if (want.has("simulated") && p.simulated) parts.push(["simulated", "1"]);
  const w = want.has("weights") ? formatWeights(p.weights) : null;
  if (w) parts.push(["weights", w]);
  // ":" and "," are legal in a query string; leaving them unescaped keeps links readable.
  const enc = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
  return parts.length ? `?${parts.map(([k, v]) => `${k}=${enc(v)}`).join("&")}` : "";
}

/** A notional for labels: $100k, $1M, $2.5M, $5M (exact, unlike fmtUsd's fixed decimals). */
export function fmtNotional(n: number): string {
  if (n >= 1e9 && n % 1e7 === 0) return `$${n / 1e9}B`;
  if (n >= 1e6 && n % 1e4 === 0) return `$${n / 1e6}M`;
  if (n >= 1e3 && n % 10 === 0) return `$${n / 1e3}k`;
  return `$${n.toLocaleString("en-US")}`;
}
