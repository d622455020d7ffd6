// `venuescope report allocation --capital <usd> --notional <usd> --budget-bps <n> [--min-score <n>]
//   [--weights <file>] [--window 30d | --from ISO --to ISO] [--asset BTC] [--cap venue=usd|venue=pct%,...]
//   [--exclude a,b] [--title T] [--simulated] [--max-share-pct 50] [--min-snapshots 30] --out <file.csv|file.json|file.pdf> [--json]`
// Real venues by default; --simulated builds the fictional demo instead (never both; --no-simulated is
// accepted and changes nothing). Builds the allocation report on the database's data, saves it (listed at /reports) and writes the file.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { db } from "../../lib/db";
import { buildAllocationReport } from "../../lib/services/build-allocation";
import { allocationJson } from "../../lib/export/json";
import { AllocationRequest } from "../../lib/reports/params";
import { renderReport, type ExportFormat } from "../../lib/export/render-download";
import { saveReport } from "../../lib/services/saved-reports";
import { fmtUsd } from "../../lib/format";
import { parseCommandArgs, UsageError, zCsvList } from "../cli-args";
import { readWeightsFile } from "./score";
import type { CommandResult } from "./types";

const FLAG: Record<string, string> = { capitalUsd: "capital", targetOrderNotionalUsd: "notional", slippageBudgetBps: "budget-bps", minScore: "min-score", caps: "cap", exclude: "exclude", venueSet: "simulated", maxVenueSharePct: "max-share-pct", minSnapshots: "min-snapshots" };

const Args = z.object({
  positionals: z.array(z.string()),
  capital: z.string({ error: "required: capital in USD" }),
  notional: z.string({ error: "required: target order notional in USD" }),
  "budget-bps": z.string({ error: "required: slippage budget in bps" }),
  "min-score": z.string().optional(),
  weights: z.string().optional(),
  window: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  asset: z.string().optional(),
  cap: zCsvList.optional(),
  exclude: zCsvList.optional(),
  title: z.string().optional(),
  "no-simulated": z.boolean().optional(),
  simulated: z.boolean().optional(),
  "max-share-pct": z.string().optional(),
  "min-snapshots": z.string().optional(),
  out: z.string({ error: "required: the output file (.csv, .json or .pdf)" }),
  json: z.boolean().optional(),
});

/** "binance-usdm=300000" → {usd: 300000}; "okx=25%" → {sharePct: 25}. */
export function parseCaps(items: string[] = []): Record<string, { usd?: string; sharePct?: string }> {
  const caps: Record<string, { usd?: string; sharePct?: string }> = {};
  for (const item of items) {
    const m = /^([^=]+)=\s*([^%]+?)\s*(%?)$/.exec(item);
    if (!m) throw new UsageError(`--cap ${item}: expected venue=usd or venue=percent%`);
    const c = (caps[m[1].trim()] ??= {});
    if (m[3]) c.sharePct = m[2];
    else c.usd = m[2];
  }
  return caps;
}

function formatOf(file: string): ExportFormat {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === "csv" || ext === "json" || ext === "pdf") return ext;
  throw new UsageError(`--out ${file}: the file name must end in .csv, .json or .pdf`);
}

export async function reportCommand(argv: string[]): Promise<CommandResult> {
  const a = parseCommandArgs(
    argv,
    { capital: { type: "string" }, notional: { type: "string" }, "budget-bps": { type: "string" }, "min-score": { type: "string" }, weights: { type: "string" }, window: { type: "string" }, from: { type: "string" }, to: { type: "string" }, asset: { type: "string" }, cap: { type: "string" }, exclude: { type: "string" }, title: { type: "string" }, "no-simulated": { type: "boolean" }, simulated: { type: "boolean" }, "max-share-pct": { type: "string" }, "min-snapshots": { type: "string" }, out: { type: "string" } },
    Args,
  );
  if (a.positionals.length !== 1 || a.positionals[0] !== "allocation") throw new UsageError(`the only report kind is allocation (got ${a.positionals.join(" ") || "none"}): report allocation --capital <usd> --notional <usd> --budget-bps <n> --out <file>`);
  const format = formatOf(a.out);
  const parsed = AllocationRequest.safeParse({
    title: a.title,
    capitalUsd: a.capital,
    targetOrderNotionalUsd: a.notional,
    slippageBudgetBps: a["budget-bps"],
    minScore: a["min-score"],
    weights: a.weights ? readWeightsFile(a.weights) : undefined,
    caps: parseCaps(a.cap),
    exclude: a.exclude ?? [],
    window: a.window,
    from: a.from,
    to: a.to,
    asset: a.asset,
    venueSet: a.simulated ? "simulated" : "real",
    maxVenueSharePct: a["max-share-pct"],
    minSnapshots: a["min-snapshots"],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${FLAG[String(i.path[0])] ?? String(i.path[0])}${i.path[0] === "caps" && i.path[1] !== undefined ? ` ${String(i.path[1])}` : ""}: ${i.message}`).join("; "));
  const report = await buildAllocationReport(db(), parsed.data);
  const saved = await saveReport(db(), report);
  const file = await renderReport(saved, format);
  fs.mkdirSync(path.dirname(path.resolve(a.out)), { recursive: true });
  fs.writeFileSync(a.out, file.body);
  const al = report.allocation;
  const split = al.lines.filter((l) => l.allocationUsd > 0).map((l) => `${l.name} ${(l.allocationShare * 100).toFixed(1)}%`).join(", ");
  const sim = report.params.venueSet === "simulated" ? ` [SIMULATED DEMO, fictional venues: ${report.provenance.simulated.join(", ")}]` : "";
  const warn = report.warnings?.length ? ` [${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}: ${report.warnings.map((w) => w.code).join(", ")}]` : "";
  const summary = al.feasible
    ? `report allocation #${saved.id}: ${fmtUsd(al.allocatedUsd)} of ${fmtUsd(al.capitalUsd)} over ${al.lines.filter((l) => l.allocationUsd > 0).length} of ${al.lines.length} venues (${split})${al.unallocatedUsd > 0 ? `, ${fmtUsd(al.unallocatedUsd)} unallocated (caps)` : ""}${sim}${warn} → ${a.out}`
    : `report allocation #${saved.id}: infeasible — ${al.explanation?.message ?? "nothing eligible"}${sim} → ${a.out}`;
  return { ok: true, summary, json: { ...allocationJson(report, { id: saved.id, savedAt: saved.createdAt }), file: { path: a.out, format } } };
}
