// Every venue connector, by slug. Unknown ids throw "<slug>: venue not supported" with the known list.
import type { VenueConnector } from "./types";
import { binanceUsdm } from "./binance-usdm/connector";
import { bybit } from "./bybit/connector";
import { okx } from "./okx/connector";
import { bitget } from "./bitget/connector";
import { hyperliquid } from "./hyperliquid/connector";
import { dydxV4 } from "./dydx-v4/connector";
import { paradex } from "./paradex/connector";
import { aster } from "./aster/connector";
import { deribit } from "./deribit/connector";
import { krakenFutures } from "./krakenfutures/connector";
import { bitmex } from "./bitmex/connector";

const CONNECTORS: VenueConnector[] = [binanceUsdm, bybit, okx, bitget, deribit, krakenFutures, bitmex, hyperliquid, dydxV4, paradex, aster];

export function allConnectors(): VenueConnector[] {
  return CONNECTORS;
}

export class UnknownVenueError extends Error {}

export function connectorFor(slug: string): VenueConnector {
  const c = CONNECTORS.find((x) => x.info.slug === slug);
  if (!c) throw new UnknownVenueError(`${slug}: venue not supported (known: ${CONNECTORS.map((x) => x.info.slug).join(", ")})`);
  return c;
}
