// HIP-3 discovery: every builder-deployed perp dex Hyperliquid lists (perpDexs) becomes a venue of its own
// (hyperliquid-<dex>), with its deployer, oracle updater, fee recipient and OI caps (perpDexLimits) stored
// as facts quoting the bodies, dated when they were fetched (live) or recorded (recorded).
import "server-only";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { hyperliquid } from "../venues/hyperliquid/connector";
import { createVenueHttp, type HttpOptions } from "../venues/http";
import { hip3Facts, HYPERLIQUID_DOMAINS, parsePerpDexLimits, parsePerpDexs, type FactProvenance, type PerpDexLimits } from "../venues/hyperliquid/dexes";
import { hip3Slug } from "../venues/hyperliquid/dex-slug";
import type { Provenance, Rejection } from "../venues/types";
import { ensureVenue } from "../store/venue-rows";
import { syncOfficialDomains, upsertFacts } from "../facts/upsert-facts";

export interface Hip3DexResult {
  dex: string;
  venue: string;
  factsWritten: number;
  factsUnchanged: number;
  limits: boolean;
}

export interface Hip3DiscoveryResult {
  dexes: Hip3DexResult[];
  rejected: Rejection[];
}

/**
 * Store the dexes of a perpDexs body and their perpDexLimits bodies (by dex name; a dex without one keeps
 * its caps unknown). The same path serves live discovery and recorded bodies.
 */
export async function storeHip3Bodies(
  db: Db,
  perpDexsBody: unknown,
  limitsByDex: ReadonlyMap<string, unknown>,
  opts: { provenance: Provenance; dexes: FactProvenance; limits: FactProvenance | null; editedBy: string; mode: string },
): Promise<Hip3DiscoveryResult> {
  const { dexes, rejected } = parsePerpDexs(perpDexsBody);
  const out: Hip3DexResult[] = [];
  for (const dex of dexes) {
    let limits: PerpDexLimits | null = null;
    if (limitsByDex.has(dex.name)) {
      const r = parsePerpDexLimits(limitsByDex.get(dex.name), dex.name);
      limits = r.limits;
      rejected.push(...r.rejected);
    }
    const facts = hip3Facts(dex, limits, opts.dexes, opts.limits);
    const venueId = await ensureVenue(db, connectorFor(hip3Slug(dex.name)), opts.provenance);
    await syncOfficialDomains(db, venueId, HYPERLIQUID_DOMAINS);
    const res = await upsertFacts(db, venueId, facts, { provenance: opts.provenance, editedBy: opts.editedBy, mode: opts.mode });
    out.push({ dex: dex.name, venue: hip3Slug(dex.name), factsWritten: res.written, factsUnchanged: res.unchanged, limits: limits !== null });
  }
  return { dexes: out, rejected };
}

/** Live: POST /info perpDexs, then perpDexLimits for each dex, stored as above. */
export async function discoverHip3Dexes(db: Db, opts: { http?: HttpOptions } = {}): Promise<Hip3DiscoveryResult> {
  const http = createVenueHttp(hyperliquid, opts.http);
  const perpDexs = await http.ccxtCall("publicPostInfo", { type: "perpDexs" }, { kind: "markets", symbol: null });
  const at = new Date().toISOString();
  const limitsByDex = new Map<string, unknown>();
  for (const dex of parsePerpDexs(perpDexs).dexes) {
    limitsByDex.set(dex.name, await http.ccxtCall("publicPostInfo", { type: "perpDexLimits", dex: dex.name }, { kind: "markets", symbol: null }));
  }
  const prov = { asOf: at, origin: `live response of api.hyperliquid.xyz at ${at}` };
  return storeHip3Bodies(db, perpDexs, limitsByDex, { provenance: "live", dexes: prov, limits: prov, editedBy: "hip3 discovery (perpDexs, perpDexLimits)", mode: "live" });
}
