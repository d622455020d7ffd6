// URL state of the dashboard views (scorecards, compare, venue page): notional, window, asset, simulated
// venues shown, weights, compared venues and market. Parsing is lenient — a bad value falls back to its
// default so an edited link still opens — and serializing leaves defaults out so links stay short.
// Shared by server pages (to prefetch the same query keys) and client views (to read and write the URL).
import { DEFAULT_WEIGHTS, ITEM_IDS, type ItemId, type Weights } from "../scoring/items";
import { DEFAULT_WINDOW, WINDOW_PRESETS, type WindowPreset } from "../services/windows";

export const NOTIONAL_PRESETS_USD = [100_000, 1_000_000, 5_000_000] as const;
export const DEFAULT_NOTIONAL_USD = 1_000_000;
export const MAX_NOTIONAL_USD = 1e10;
export const ASSET_CHOICES = ["BTC", "ETH", "SOL"] as const;
export const DEFAULT_ASSET = "BTC";
export const WINDOW_CHOICES = Object.keys(WINDOW_PRESETS) as WindowPreset[];
export const MAX_WEIGHT = 100;
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

/** "depth:30,fees:10" → weights (defaults for items not named; bad entries ignored). */
export function parseWeights(s: string | undefined | null): Weights {
  const out = { ...DEFAULT_WEIGHTS } as Weights;
  if (!s) return out;
  for (const part of s.split(",")) {
    const [k, v] = part.split(":");
    const n = Number(v);
    if ((ITEM_IDS as readonly string[]).includes(k) && v !== undefined && v !== "" && Number.isFinite(n) && n >= 0 && n <= MAX_WEIGHT) out[k as ItemId] = n;
  }
  return out;
}

/** Weights → "depth:30,fees:10" listing only the items that differ from the defaults; null when none do. */
export function formatWeights(w: Partial<Weights>): string | null {
  const parts = ITEM_IDS.filter((id) => w[id] !== undefined && w[id] !== DEFAULT_WEIGHTS[id]).map((id) => `${id}:${w[id]}`);
  return parts.length ? parts.join(",") : null;
}

export function sameWeights(a: Weights, b: Weights): boolean {
  return ITEM_IDS.every((id) => a[id] === b[id]);
}

export function parseNotional(s: string | undefined | null): number | null {
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) && n > 0 && n <= MAX_NOTIONAL_USD ? n : null;
}

export function parseViewParams(sp: SearchInput): ViewParams {
  const get = getter(sp);
  const window = get("window");
  const asset = get("asset")?.toUpperCase();
  const venues = (get("venues") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(s));
  return {
    notional: parseNotional(get("notional")) ?? DEFAULT_NOTIONAL_USD,
    window: window && (WINDOW_CHOICES as string[]).includes(window) ? (window as WindowPreset) : DEFAULT_WINDOW,
    asset: asset && /^[A-Z0-9]{1,15}$/.test(asset) ? asset : DEFAULT_ASSET,
    simulated: get("simulated") !== "hide",
    weights: parseWeights(get("weights")),
    venues: [...new Set(venues)].slice(0, MAX_COMPARE),
    symbol: get("symbol")?.trim() || null,
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
  if (want.has("simulated") && !p.simulated) parts.push(["simulated", "hide"]);
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
