// A market an archive names must be stored before its rows are: venues whose symbols say what the contract is
// (base-sized, linear or inverse by name) infer it from the symbol; for the others the user imports the
// venue's markets first. Shared by `venuescope backfill` and the archive imports.
import "server-only";
import type { Db } from "../db";
import type { MarketRow, VenueConnector } from "../venues/types";
import { ingestBodies } from "./ingest-bodies";

/** Null when the market is stored (or now stored, inferred from its symbol); else why it cannot be. */
export async function ensureMarket(db: Db, connector: VenueConnector, symbol: string, provenance: "recorded" | "live" = "recorded"): Promise<string | null> {
  const m = await db.market.findFirst({ where: { symbol, venue: { slug: connector.info.slug } }, select: { id: true } });
  if (m) return null;
  const inferred: MarketRow | null = connector.inferMarket?.(symbol) ?? null;
  if (!inferred) return `${connector.info.slug} market ${symbol} is not stored and cannot be inferred from its name; run \`venuescope ingest --venue ${connector.info.slug} --kinds markets\` first`;
  const run = await ingestBodies(db, connector, "markets", [{ body: inferred, symbol, receivedTs: Date.now(), levelLimit: null }], {
    provenance,
    mode: "import",
    source: `market inferred from the symbol ${symbol}`,
    parser: async () => ({ rows: [inferred], rejected: [] }),
  });
  return run.status === "failed" ? `${symbol}: could not store the market (${run.error})` : null;
}
