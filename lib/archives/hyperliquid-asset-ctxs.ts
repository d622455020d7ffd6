// Hyperliquid's S3 `asset_ctxs/<YYYYMMDD>.csv.lz4` rows (every perp's context once a minute) as open-interest
// readings. Pure. Header: time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,
// mid_px,impact_bid_px,impact_ask_px. `time` is UTC ("2025-11-13T00:01:00Z", also seen without the T/Z and with
// milliseconds); `open_interest` is in the coin, as the API's assetCtxs give it; `mark_px` values it.
// Funding is not taken from here: the API's fundingHistory gives the settled hourly rates exactly
// (`backfill --source api`), while these rows carry the rate in force each minute.
import { ArchiveRowError } from "./binance-funding-metrics";
import { epochMsProblem } from "../venues/timestamps";

export const ASSET_CTXS_HEADER = "time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,mid_px,impact_bid_px,impact_ask_px";

export interface AssetCtxReading {
  coin: string;
  ts: number;
  openInterest: number;
  markPx: number;
}

/** "2025-11-13T00:01:00Z", "2025-11-13 00:01:00" or "2025-10-24 20:00:00.000" (UTC) → epoch ms; NaN otherwise. */
export function parseCtxTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  const ts = Date.UTC(y, mo - 1, d, h, mi, se) + (m[7] ? Math.floor(Number(m[7]) * 1000) : 0);
  const back = new Date(ts);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi ? ts : NaN;
}

/** One row; throws ArchiveRowError naming the field. */
export function assetCtxRow(cells: Record<string, string | undefined>, nowMs: number = Date.now()): AssetCtxReading {
  const ts = parseCtxTime(cells.time ?? "");
  if (!Number.isFinite(ts)) throw new ArchiveRowError("time", `not a UTC time: ${JSON.stringify(cells.time ?? null)}`);
  const problem = epochMsProblem(ts, nowMs);
  if (problem) throw new ArchiveRowError("time", problem);
  const coin = cells.coin?.trim() ?? "";
  if (!coin) throw new ArchiveRowError("coin", "empty");
  const oi = Number(cells.open_interest);
  if (cells.open_interest === undefined || cells.open_interest.trim() === "" || !Number.isFinite(oi) || oi < 0) throw new ArchiveRowError("open_interest", `not a non-negative open interest: ${JSON.stringify(cells.open_interest ?? null)}`);
  const mark = Number(cells.mark_px);
  if (!(mark > 0) || !Number.isFinite(mark)) throw new ArchiveRowError("mark_px", `not a positive price: ${JSON.stringify(cells.mark_px ?? null)}`);
  return { coin, ts, openInterest: oi, markPx: mark };
}
