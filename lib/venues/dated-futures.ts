// The dated-futures (term quote) parsers of every venue behind one small interface (lib/venues/dated-futures-kit.ts):
// a body in, the dated futures and perpetuals it quotes out, each with its base asset read by the venue's own symbol
// rule, plus the instruments left out with a reason. Pure; storing is lib/ingest/term-quotes.ts.
import type { TermQuoteParser } from "./dated-futures-kit";
import { binanceCoinmTermQuoteSet } from "./binance-coinm/dated-futures";
import { bybitTermQuoteSet } from "./bybit/dated-futures";
import { deribitTermQuoteSet } from "./deribit/dated-futures";
import { okxTermQuoteSet } from "./okx/dated-futures";

export type { TermQuoteParser, TermQuoteSet } from "./dated-futures-kit";

/** Venues whose dated-futures bodies can be parsed, with the body each parser reads. */
export const TERM_QUOTE_PARSERS = {
  "binance-coinm": binanceCoinmTermQuoteSet,
  bybit: bybitTermQuoteSet,
  deribit: deribitTermQuoteSet,
  okx: okxTermQuoteSet,
} as const satisfies Record<string, TermQuoteParser>;

export type TermQuoteVenue = keyof typeof TERM_QUOTE_PARSERS;
export const TERM_QUOTE_VENUES = Object.keys(TERM_QUOTE_PARSERS) as TermQuoteVenue[];

export function termQuoteParserFor(venue: string): TermQuoteParser {
  if (!Object.hasOwn(TERM_QUOTE_PARSERS, venue)) throw new Error(`term quotes: ${venue} not supported (supported: ${TERM_QUOTE_VENUES.join(", ")})`);
  return TERM_QUOTE_PARSERS[venue as TermQuoteVenue];
}

