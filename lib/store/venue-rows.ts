// The store side of venues: the Venue row every writer needs first (ingest, curated facts, the simulator),
// upserted from the connector's declared info and capabilities, and a venue's markets as parser context.
import "server-only";
import type { Db } from "../db";
import type { MarketRow, Provenance, VenueConnector } from "../venues/types";

export async function ensureVenue(db: Db, connector: VenueConnector, provenance: Provenance): Promise<number> {
  const { info } = connector;
  const capabilities = JSON.stringify({ has: connector.has, notes: connector.notes });
  const update = { name: info.name, kind: info.kind, chain: info.chain, websiteUrl: info.websiteUrl, docsUrl: info.docsUrl, apiDocsUrl: info.apiDocsUrl, capabilities };
  // Every ingest run starts here: a stored row that already says all this is used as it is (one read), so only a
  // new venue or changed info costs the upsert (~4x the read through Prisma). An undefined field is one the
  // update leaves alone, so it is not compared.
  const stored = await db.venue.findUnique({ where: { slug: info.slug }, select: { id: true, name: true, kind: true, chain: true, websiteUrl: true, docsUrl: true, apiDocsUrl: true, capabilities: true } });
  if (stored && Object.entries(update).every(([k, v]) => v === undefined || (stored as Record<string, unknown>)[k] === v)) return stored.id;
  const venue = await db.venue.upsert({
    where: { slug: info.slug },
    create: { ...info, capabilities, provenance },
    update,
    select: { id: true },
  });
  return venue.id;
}

/** Markets of a venue as parser context, keyed by venue symbol. */
export async function loadMarketRows(db: Db, venueId: number): Promise<Map<string, MarketRow & { id: number }>> {
  const rows = await db.market.findMany({ where: { venueId } });
  return new Map(rows.map((m) => [m.symbol, { ...m }]));
}
