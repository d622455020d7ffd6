// `venuescope carry --venue <id> --symbol <S> | --asset BTC [--side long|short] [--notional usd] [--hold days]
// [--window 30d | --from ISO --to ISO] [--simulated show]`: funding paid or received by a position over the window.
import { parseArgs } from "node:util";
import { db } from "../../lib/db";
import { getAssetCarry, getMarketCarry } from "../../lib/services/carry";
import { NotFoundError } from "../../lib/services/errors";
import { CarryQuery } from "../../lib/views/carry";
import { fmtDay, fmtUsd } from "../../lib/format";
import { UsageError } from "../cli-args";
import type { CommandResult } from "./types";

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "no data" : `${(v * 100).toFixed(2)} %/yr`);

export async function carryCommand(argv: string[]): Promise<CommandResult> {
  let values;
  try {
    const opts = { venue: { type: "string" }, symbol: { type: "string" }, asset: { type: "string" }, side: { type: "string" }, notional: { type: "string" }, hold: { type: "string" }, window: { type: "string" }, from: { type: "string" }, to: { type: "string" }, simulated: { type: "string" }, venues: { type: "string" }, json: { type: "boolean" } } as const;
    values = parseArgs({ args: argv, options: opts, strict: true }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { json: _json, ...fields } = values;
  const parsed = CarryQuery.safeParse(fields);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".") || "args"}: ${i.message}`).join("; "));
  const q = parsed.data;
  if (q.kind === "asset") {
    const v = await getAssetCarry(db(), q);
    const parts = v.rows.map((r) => `${r.venue} ${r.symbol} ${pct(r.annualized)} (${r.count} settlements${r.provenance.length ? `, ${r.provenance.join("+")}` : ""})`);
    const d = v.dispersion;
    const disp = !d ? "" : d.hours === 0 ? "; dispersion: no common hours" : `; dispersion over ${d.hours} common hours: spread p50 ${pct(d.p50SpreadAnnualized)}, max ${pct(d.maxSpreadAnnualized)}, ${d.profitableRuns ?? "?"} of ${d.costedRuns} costed runs beat taker fees`;
    return { ok: true, summary: `${q.asset} ${q.side} ${fmtUsd(q.notionalUsd)} carry: ${parts.length ? parts.join("; ") : "no venue has funding data for this asset"}${disp}`, json: v };
  }
  let v;
  try {
    v = await getMarketCarry(db(), q);
  } catch (err) {
    if (err instanceof NotFoundError) throw new UsageError(`${err.message} in the database`);
    throw err;
  }
  const s = v.summary;
  if (!s || !v.window || s.count === 0) return { ok: true, summary: `${q.venue} ${q.symbol} ${q.side} ${fmtUsd(q.notionalUsd)}: no settled funding in the window`, json: v };
  const paid = s.carryUsd! < 0 ? `paid ${fmtUsd(-s.carryUsd!)}` : `received ${fmtUsd(s.carryUsd!)}`;
  const roll = v.rolling && v.rolling.windows > 0 ? `; ${q.holdDays}d holds p5/p50/p95 ${pct(v.rolling.p5)} / ${pct(v.rolling.p50)} / ${pct(v.rolling.p95)} (${v.rolling.windows} windows)` : `; fewer than ${q.holdDays} days of history for rolling holds`;
  const basis = s.notionalBasis === "constant-notional" ? ", constant notional (no price stored)" : ", valued at the price stored at each settlement";
  const changes = s.intervalChanges.length ? `, interval ${s.intervalChanges.map((c) => `${c.fromHours}h→${c.toHours}h`).join(", ")}` : "";
  return {
    ok: true,
    summary: `${q.venue} ${q.symbol} ${q.side} ${fmtUsd(q.notionalUsd)} [${fmtDay(v.window.from)}→${fmtDay(v.window.to)}, ${v.provenance.join("+")}]: ${paid} over ${s.count} settlements (${pct(s.annualized)}, coverage ${Math.round((s.coverage ?? 0) * 100)} %${basis}${changes})${roll}; cap hits ${s.capHits ?? "no cap published"}`,
    json: v,
  };
}
