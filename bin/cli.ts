// The one CLI: `npm run -s venuescope -- <command> [options] [--json]`. Each command prints a one-line
// summary, or with --json its machine-readable result; a bad argument is a clear message and exit 2.
import { UsageError } from "./cli-args";
import type { CommandResult } from "./commands/types";
import { backfillCommand } from "./commands/backfill";
import { bootstrapCommand } from "./commands/bootstrap";
import { importCommand } from "./commands/import";
import { ingestCommand } from "./commands/ingest";
import { collectCommand } from "./commands/collect";
import { simulateCommand } from "./commands/simulate";
import { metricsCommand } from "./commands/metrics";
import { scoreCommand } from "./commands/score";
import { reportCommand } from "./commands/report";
import { stressCommand } from "./commands/stress";
import { incidentsCommand } from "./commands/incidents";
import { carryCommand } from "./commands/carry";
import { alertsCommand } from "./commands/alerts";
import { hip3Command } from "./commands/hip3";
import { afterWrites } from "../lib/alerts/after-writes";
import { ImportError } from "../lib/ingest/import-file";
import { UnknownVenueError } from "../lib/venues/registry";

type Command = (argv: string[], log: (line: string) => void) => Promise<CommandResult>;

/** Commands that write venue data, followed by the after-writes step (rank moves, webhook alerts); `ingest` runs it per cycle itself. */
const WRITES_DATA = new Set(["import", "backfill", "hip3"]);

const COMMANDS: Record<string, { run: Command; help: string }> = {
  bootstrap: { run: bootstrapCommand, help: "bootstrap                      load the bundled dataset into an empty database" },
  ingest: { run: ingestCommand, help: "ingest --venue <id> [--markets BTC,ETH] [--symbols S1,S2] [--kinds depth,funding,fees,liquidations,oi,markets,insurance] [--levels N] [--record <dir>] [--watch <seconds>]" },
  collect: { run: collectCommand, help: "collect --config <file.json> [--for 10m]   keep venues × kinds fresh at their cadences (README, 'Collecting')" },
  metrics: { run: metricsCommand, help: "metrics --venue <id> --symbol <venue symbol> --notional <usd> [--side buy|sell] [--window 7d|30d|90d|365d|all | --from ISO --to ISO] [--stress name:FROM/TO,...] | metrics --curves [--all] (store the liquidity curve of books stored without one; --all recomputes every one)" },
  score: { run: scoreCommand, help: "score [--notional <usd>] [--asset BTC] [--window 30d] [--weights <file.json>] [--stress name:FROM/TO,...] [--no-simulated]" },
  report: { run: reportCommand, help: "report allocation --capital <usd> --notional <usd> --budget-bps <n> [--min-score <n>] [--weights <file>] [--window 30d] [--asset BTC] [--cap venue=usd|venue=pct%,...] [--exclude a,b] --out <file.csv|file.json|file.pdf>" },
  backfill: { run: backfillCommand, help: "backfill --venue <id> [--markets BTC,ETH | --symbols S1,S2] --from YYYY-MM-DD [--to YYYY-MM-DD] [--kinds depth,funding,oi] [--source api|archive]  resumable history from venue APIs and archives" },
  import: { run: importCommand, help: "import <file> --venue <id> --kind <kind> [--symbol S] [--at ISO] | import <dir>" },
  stress: { run: stressCommand, help: "stress --portfolio <file.json|file.csv> --scenario <name|file.json> [--save] [--title T] [--out <file.csv|file.json|file.pdf>] [--table summary|positions|path] | stress --list" },
  incidents: { run: incidentsCommand, help: "incidents --venue <id> [--limit N]        the venue's incident ledger, newest first" },
  carry: { run: carryCommand, help: "carry --venue <id> --symbol <S> | --asset BTC [--side long|short] [--notional <usd>] [--hold <days>] [--window 30d | --from ISO --to ISO] [--simulated show] [--venues a,b]  funding paid/received by a position" },
  alerts: { run: alertsCommand, help: "alerts [--skip-ranks]                 record rank moves on the default scorecard, POST unsent change events to ALERT_WEBHOOK_URL" },
  hip3: { run: hip3Command, help: "hip3                           discover Hyperliquid's builder-deployed perp dexes (perpDexs) as venues hyperliquid-<dex>, with deployer, oracle and OI-cap facts" },
  simulate: { run: simulateCommand, help: "simulate [--days N] [--cadence 5m|15m|1h] [--seed S] [--venues N] [--markets N] [--end ISO] [--replace]  write the seeded simulated dataset (fictional sim-* venues)" },
};

function usage(): string {
  return ["usage: npm run -s venuescope -- <command> [options] [--json]", ...Object.values(COMMANDS).map((c) => `  ${c.help}`)].join("\n");
}

/**
 * Write to stdout and wait until it is flushed: on a pipe, writes are asynchronous and the process.exit()
 * below would cut a large --json document short.
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command: ${name}\n` : ""}${usage()}\n`);
    return 2;
  }
  // Progress lines go to stderr under --json so stdout stays one JSON document.
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  try {
    const result = await command.run(rest, log);
    if (WRITES_DATA.has(name)) {
      const { db } = await import("../lib/db");
      await afterWrites(db(), { log });
    }
    await writeOut(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.summary}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ImportError || err instanceof UnknownVenueError) {
      process.stderr.write(`venuescope ${name}: ${err.message}\n`);
      if (json) await writeOut(`${JSON.stringify({ error: err.message })}\n`);
      return 2;
    }
    process.stderr.write(`venuescope ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    if (json) await writeOut(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  async (code) => {
    const { db } = await import("../lib/db");
    await db().$disconnect().catch(() => {});
    process.exit(code);
  },
  (err) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
