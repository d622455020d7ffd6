// The store side of venues: the Venue row every writer needs first (ingest, curated facts, the simulator),
// upserted from the connector's declared info and capabilities, and a venue's markets as parser context.
import "server-only";
import type { Db } from "../db";
import type { MarketRow, Provenance, VenueConnector } from "../venues/types";

export async function ensureVenue(db: Db, connector: VenueConnector, provenance: Provenance): Promise<number> {
  const { info } = connector;
  const capabilities = JSON.stringify({ has: connector.has, notes: connector.notes });
  const venue = await db.venue.upsert({
    where: { slug: info.slug },
    create: { ...info, capabilities, provenance },
    update: { name: info.name, kind: info.kind, chain: info.chain, websiteUrl: info.websiteUrl, docsUrl: info.docsUrl, apiDocsUrl: info.apiDocsUrl, capabilities },
    select: { id: true },
  });
  return venue.id;
}

/** Markets of a venue as parser context, keyed by venue symbol. */
export async function loadMarketRows(db: Db, venueId: number): Promise<Map<string, MarketRow & { id: number }>> {
  const rows = await db.market.findMany({ where: { venueId } });
  return new Map(rows.map((m) => [m.symbol, { ...m }]));
}
