// `venuescope stress --portfolio <file.json|file.csv> --scenario <name|file.json> [--save] [--title T]
//   [--out <file.csv|file.json|file.pdf>] [--table summary|positions|path] [--json]`
// `venuescope stress --list` lists the built-in scenarios and the stored stress windows a scenario can replay.
// Runs the portfolio through the scenario on every venue account, in cross and isolated margin.
import fs from "node:fs";
import path from "node:path";
import { z, ZodError } from "zod";
import { db } from "../../lib/db";
import { fmtUsd } from "../../lib/format";
import { listReplayWindows, runStressTest, StressInputError } from "../../lib/services/stress";
import { saveStressRun } from "../../lib/services/stress-runs";
import { renderStressRun } from "../../lib/export/render-download";
import { STRESS_TABLES } from "../../lib/views/stress";
import { Portfolio, portfolioFromCsv, PortfolioFileError } from "../../lib/stress/portfolio";
import { NAMED_SCENARIOS } from "../../lib/stress/scenario";
import { parseCommandArgs, UsageError } from "../cli-args";
import type { CommandResult } from "./types";

const MAX_FILE_BYTES = 2 * 1024 * 1024;

const Args = z.object({
  positionals: z.array(z.string()).max(0, "stress takes no positional arguments"),
  portfolio: z.string().optional(),
  scenario: z.string().optional(),
  list: z.boolean().optional(),
  save: z.boolean().optional(),
  title: z.string().max(200).optional(),
  out: z.string().optional(),
  table: z.enum(STRESS_TABLES).default("summary"),
  json: z.boolean().optional(),
});

function readFile(file: string, what: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`--${what} ${file}: no such file`);
  }
  if (stat.size > MAX_FILE_BYTES) throw new UsageError(`--${what} ${file}: ${stat.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
  return fs.readFileSync(file, "utf8");
}

const zodMessage = (err: ZodError, prefix: string) => err.issues.map((i) => `${prefix}${i.path.length ? `.${i.path.join(".")}` : ""}: ${i.message}`).join("; ");

/** A portfolio file: CSV by extension, else JSON. Errors name the file and field. */
export function readPortfolioFile(file: string): Portfolio {
  const text = readFile(file, "portfolio");
  const name = path.basename(file).replace(/\.[^.]+$/, "");
  try {
    if (file.toLowerCase().endsWith(".csv")) return portfolioFromCsv(text, name);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--portfolio ${file}: not valid JSON (${(err as Error).message}); a .csv file is read as CSV`);
    }
    return Portfolio.parse(typeof json === "object" && json !== null && !("name" in json) ? { ...json, name } : json);
  } catch (err) {
    if (err instanceof ZodError) throw new UsageError(`--portfolio ${file}: ${zodMessage(err, "portfolio")}`);
    if (err instanceof PortfolioFileError) throw new UsageError(`--portfolio ${file}: ${err.message}`);
    throw err;
  }
}

function readScenario(arg: string): string | unknown {
  if (arg in NAMED_SCENARIOS) return arg;
  if (!fs.existsSync(arg)) throw new UsageError(`--scenario ${arg}: neither a built-in scenario (${Object.keys(NAMED_SCENARIOS).join(", ")}) nor a file`);
  try {
    return JSON.parse(readFile(arg, "scenario"));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--scenario ${arg}: not valid JSON (${(err as Error).message})`);
  }
}

export async function stressCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(
    argv,
    { portfolio: { type: "string" }, scenario: { type: "string" }, list: { type: "boolean" }, save: { type: "boolean" }, title: { type: "string" }, out: { type: "string" }, table: { type: "string" } },
    Args,
  );
  if (a.list) {
    const windows = await listReplayWindows(db(), { limit: 20 });
    for (const [name, s] of Object.entries(NAMED_SCENARIOS)) log(`scenario ${name}: ${s.description ?? ""}`);
    for (const w of windows) log(`window ${w.id}: ${w.label}`);
    return { ok: true, summary: `${Object.keys(NAMED_SCENARIOS).length} built-in scenarios, ${windows.length} stored stress windows to replay (--scenario <file> with "replayWindow": "<id>")`, json: { scenarios: NAMED_SCENARIOS, replayWindows: windows } };
  }
  if (!a.portfolio) throw new UsageError("required: --portfolio <file.json|file.csv> (or --list)");
  if (!a.scenario) throw new UsageError(`required: --scenario <name|file.json>; built-in: ${Object.keys(NAMED_SCENARIOS).join(", ")}`);
  const portfolio = readPortfolioFile(a.portfolio);
  const scenario = readScenario(a.scenario);
  let run;
  try {
    run = await runStressTest(db(), portfolio, scenario as Parameters<typeof runStressTest>[2]);
  } catch (err) {
    if (err instanceof StressInputError) throw new UsageError(`${err.field}: ${err.message}`);
    if (err instanceof ZodError) throw new UsageError(zodMessage(err, "scenario"));
    throw err;
  }
  const saved = a.save ? await saveStressRun(db(), run, a.title) : null;
  if (a.out) {
    const ext = path.extname(a.out).slice(1).toLowerCase();
    if (ext !== "csv" && ext !== "json" && ext !== "pdf") throw new UsageError(`--out ${a.out}: the file name must end in .csv, .json or .pdf`);
    fs.writeFileSync(a.out, (await renderStressRun(run, ext, a.table, saved?.id, saved?.title)).body);
  }
  const r = run.result;
  // Notes on the inputs go to stderr: stdout keeps the one-line summary (or the JSON document).
  for (const w of run.evidence.warnings) process.stderr.write(`warning: ${w}\n`);
  const worst = r.ranking[0];
  const simulated = r.venues.some((v) => v.provenance.includes("simulated"));
  const lossText = (x: number) => (x >= 0 ? `loss ${fmtUsd(x)}` : `gain ${fmtUsd(-x)}`);
  const summary =
    `stress ${r.scenario.name} on "${r.portfolioName}": ${r.venues.length} venue(s), ${lossText(r.totals.lossUsd)} in the chosen modes, ` +
    `${r.totals.liquidatedCount} liquidation(s); worst ${worst.venueSlug} (${lossText(worst.lossUsd)}: ${worst.reason})` +
    `${simulated ? " [includes simulated data]" : ""}${saved ? `; saved as /stress?run=${saved.id}` : ""}${a.out ? `; wrote ${a.out}` : ""}`;
  return { ok: true, summary, json: { id: saved?.id ?? null, ...run } };
}
