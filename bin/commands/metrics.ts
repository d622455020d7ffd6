// `venuescope metrics --venue <id> --symbol <venue symbol> --notional <usd> [--side buy|sell] [--window 30d | --from ISO --to ISO] [--stress name:FROM/TO,...]`
// `venuescope metrics --curves [--all]`: store the liquidity curve of every book snapshot stored without one
// (with --all, recompute every one: after a change of the curve layout).
import { z } from "zod";
import { db } from "../../lib/db";
import { getMarketFigures } from "../../lib/services/market-figures";
import { windowFrom, zNamedWindows, zNotionalUsd, zSide, zWindowFields } from "../../lib/views/params";
import { fmtBps, fmtDay, fmtUsd } from "../../lib/format";
import { parseCommandArgs, UsageError } from "../cli-args";
import type { CommandResult } from "./types";
import { backfillCurves } from "../../lib/store/book-curves";
import { progressSink } from "./progress";

const Args = z.object({ venue: z.string(), symbol: z.string(), notional: zNotionalUsd, side: zSide.optional(), ...zWindowFields, stress: zNamedWindows.optional(), json: z.boolean().optional() });

export async function metricsCommand(argv: string[], log: (line: string) => void = () => {}): Promise<CommandResult> {
  if (argv.includes("--curves")) return curvesCommand(argv, log);
  const a = parseCommandArgs(argv, { venue: { type: "string" }, symbol: { type: "string" }, notional: { type: "string" }, side: { type: "string" }, window: { type: "string" }, from: { type: "string" }, to: { type: "string" }, stress: { type: "string" } }, Args);
  let window;
  try {
    window = windowFrom(a);
  } catch (err) {
    throw new UsageError((err as z.ZodError).issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const market = await db().market.findFirst({ where: { symbol: a.symbol, venue: { slug: a.venue } } });
  if (!market) throw new UsageError(`${a.venue}: no market ${a.symbol} in the database`);
  const f = await getMarketFigures(db(), market.id, window, a.notional, a.stress ?? []);
  const side = a.side ?? "buy";
  const s = f.slippage?.[side];
  const slip = !s ? "no book data" : s.p50Bps === null ? `beyond visible depth in ${Math.round((s.beyondShare ?? 0) * 100)} % of snapshots` : `p50 ${fmtBps(s.p50Bps)}, p95 ${fmtBps(s.p95Bps)}, beyond depth ${Math.round((s.beyondShare ?? 0) * 100)} %`;
  const fund = f.funding ? `funding ${(f.funding.meanAnnualizedSimple! * 100).toFixed(2)} %/yr mean over ${f.funding.count} records` : "no funding data";
  const stress = f.stress ? `; ${f.stress.windows.length} stress windows (${f.stress.windows.filter((w) => w.source !== "detected").length} named), p95 stress/normal ${f.stress[side].p95Ratio?.toFixed(2) ?? "no data"}` : "";
  const liq = f.liquidations ? `liquidations ${fmtUsd(f.liquidations.totalUsd)} in ${f.liquidations.count}` : "no liquidation data";
  const r = f.realized;
  const realized = !r
    ? "no trade prints"
    : `realized slippage from ${r.sweeps} sweeps (${r.prints} prints): ` +
      (r.buckets
        .filter((b) => b.all.withMid > 0)
        .map((b) => `${b.label} p50 ${fmtBps(b.all.slippageBps.p50)}, p95 ${fmtBps(b.all.slippageBps.p95)} (${b.all.withMid} with a mid)`)
        .join("; ") || "no sweep has a pre-trade mid");
  const win = f.window ? `${fmtDay(f.window.from)}→${fmtDay(f.window.to)}` : "no data";
  return {
    ok: true,
    summary: `${a.venue} ${a.symbol} ${side} ${fmtUsd(a.notional)} [${win}, ${f.provenance.join("+") || "no data"}]: ${slip}${stress}; ${fund}; ${liq}; ${realized}`,
    json: { ...f, side },
  };
}

async function curvesCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { curves: { type: "boolean" }, all: { type: "boolean" } }, z.object({ curves: z.literal(true), all: z.boolean().optional(), json: z.boolean().optional() }));
  const sink = progressSink(process.stderr, log);
  const t0 = Date.now();
  let lastLine = 0;
  const r = await backfillCurves(db(), {
    all: a.all,
    onProgress: (done, total) => {
      sink.update({ label: "liquidity curves", done, total, rows: done, bytes: 0, elapsedMs: Date.now() - t0 });
      // Without a terminal (a log file, a pipe): a plain line every 10 s.
      if (!process.stderr.isTTY && Date.now() - lastLine >= 10_000 && done < total) {
        lastLine = Date.now();
        log(`curves: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} book snapshots`);
      }
    },
  });
  sink.end();
  const rate = r.ms > 0 ? Math.round((r.updated / r.ms) * 1000) : 0;
  return { ok: true, summary: r.updated === 0 ? "curves: every book snapshot has its liquidity curve" : `curves: ${r.updated.toLocaleString("en-US")} book snapshots given their liquidity curve in ${(r.ms / 1000).toFixed(1)} s (${rate.toLocaleString("en-US")}/s)`, json: r };
}
