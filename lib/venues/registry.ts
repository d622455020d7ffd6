// Every venue connector, by slug. Unknown ids throw "<slug>: venue not supported" with the known list.
import type { VenueConnector } from "./types";
import { binanceUsdm } from "./binance-usdm/connector";
import { bybit } from "./bybit/connector";
import { okx } from "./okx/connector";
import { bitget } from "./bitget/connector";

const CONNECTORS: VenueConnector[] = [binanceUsdm, bybit, okx, bitget];

export function allConnectors(): VenueConnector[] {
  return CONNECTORS;
}

export class UnknownVenueError extends Error {}

export function connectorFor(slug: string): VenueConnector {
  const c = CONNECTORS.find((x) => x.info.slug === slug);
  if (!c) throw new UnknownVenueError(`${slug}: venue not supported (known: ${CONNECTORS.map((x) => x.info.slug).join(", ")})`);
  return c;
}
