// Every venue connector, by slug. Unknown ids throw "<slug>: venue not supported" with the known list.
import type { VenueConnector } from "./types";
import { binanceUsdm } from "./binance-usdm/connector";

const CONNECTORS: VenueConnector[] = [binanceUsdm];

export function allConnectors(): VenueConnector[] {
  return CONNECTORS;
}

export class UnknownVenueError extends Error {}

export function connectorFor(slug: string): VenueConnector {
  const c = CONNECTORS.find((x) => x.info.slug === slug);
  if (!c) throw new UnknownVenueError(`${slug}: venue not supported (known: ${CONNECTORS.map((x) => x.info.slug).join(", ")})`);
  return c;
}
