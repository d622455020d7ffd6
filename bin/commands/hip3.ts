// `venuescope hip3 [--json]`: discover Hyperliquid's builder-deployed (HIP-3) perp dexes live (perpDexs),
// make each one a venue (hyperliquid-<dex>) and store its deployer, oracle updater, fee recipient and OI caps
// (perpDexLimits) as dated facts. Then `ingest --venue hyperliquid-<dex>` fetches its markets, books and funding.
import { z } from "zod";
import { db } from "../../lib/db";
import { discoverHip3Dexes } from "../../lib/ingest/hip3-discovery";
import { parseCommandArgs } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({ json: z.boolean().optional(), positionals: z.array(z.string()).max(0, "no positional arguments") });

export async function hip3Command(argv: string[], log: (line: string) => void = () => {}): Promise<CommandResult> {
  parseCommandArgs(argv, {}, Args);
  const r = await discoverHip3Dexes(db());
  for (const d of r.dexes) log(`${d.venue.padEnd(20)} ${d.factsWritten} fact(s) written, ${d.factsUnchanged} unchanged${d.limits ? "" : ", no perpDexLimits"}`);
  for (const x of r.rejected) log(`rejected: ${x.field}: ${x.message}`);
  return { ok: r.dexes.length > 0, summary: `hip3: ${r.dexes.length} builder dex(es) as venues (${r.dexes.map((d) => d.venue).join(", ") || "none"})${r.rejected.length ? `, ${r.rejected.length} rejected` : ""}`, json: r };
}
