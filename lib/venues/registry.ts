// Every venue connector, by slug. Unknown ids throw "<slug>: venue not supported" with the known list.
import type { ParseResult, VenueConnector } from "./types";
import { guardedParse } from "./parse-helpers";
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

const RAW_CONNECTORS: VenueConnector[] = [binanceUsdm, bybit, okx, bitget, deribit, krakenFutures, bitmex, hyperliquid, dydxV4, paradex, aster];

/** Every connector's parse behind one safety net: whatever a parser (or ccxt inside it) throws on a
 *  hostile body becomes a rejection of that body, never an exception out of the pipeline. */
const CONNECTORS: VenueConnector[] = RAW_CONNECTORS.map((c) => ({
  ...c,
  parse: async (kind, body, ctx) => (await guardedParse(() => c.parse(kind, body, ctx), ctx)) as ParseResult<typeof kind>,
}));

/** The connectors without the safety net (for tests that hold each parser to handling bad input itself). */
export function unguardedConnectors(): VenueConnector[] {
  return RAW_CONNECTORS;
}

export function allConnectors(): VenueConnector[] {
  return CONNECTORS;
}

export class UnknownVenueError extends Error {}

export function connectorFor(slug: string): VenueConnector {
  const c = CONNECTORS.find((x) => x.info.slug === slug);
  if (!c) throw new UnknownVenueError(`${slug}: venue not supported (known: ${CONNECTORS.map((x) => x.info.slug).join(", ")})`);
  return c;
}
