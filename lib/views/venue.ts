// The venue view (/venues/<slug>, /api/venues/<slug>, /api/venues/<slug>/market, /api/series): the query of
// one market's figures and series, and the data the page shows: profile, facts, fee history, markets, one
// market's checklist and figures (lib/services/venue-profile.ts computes them). Client-safe.
import { z } from "zod";
import type { VenueScore, VenueScoreInput } from "../scoring";
import type { Capabilities, CapabilityNotes } from "../venues/types";
import type { VenueCoverage } from "./coverage";
import type { MarketFigures } from "./market";
import { DEFAULT_NOTIONAL_USD, windowFrom, zNotionalUsd, zWindowFields } from "./params";

export interface VenueFactView {
  item: string;
  key: string;
  status: string;
  value: string;
  sourceUrl: string | null;
  /** Set when the source is not on one of the venue's official domains: why it is cited anyway. */
  thirdPartyReason: string | null;
  quote: string | null;
  asOf: string;
  note: string | null;
  provenance: string;
  ageDays: number;
  /** Older than FACT_STALE_DAYS. */
  stale: boolean;
  /** Who last changed it ("profile file" for the bundled profiles) and when. */
  updatedBy: string;
  updatedAt: string;
}

export interface FeeRowView {
  scope: string;
  tier: string;
  makerRate: number;
  takerRate: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  provenance: string;
}

export interface VenueMarketOption {
  symbol: string;
  base: string;
  quote: string;
  books: number;
  funding: number;
}

export interface VenueProfile {
  venue: { slug: string; name: string; kind: string; chain: string | null; websiteUrl: string | null; docsUrl: string | null; apiDocsUrl: string | null; provenance: string };
  has: Capabilities | null;
  notes: CapabilityNotes;
  markets: VenueMarketOption[];
  /** The market shown by default: the BTC market with most snapshots, else the market with most data. */
  defaultSymbol: string | null;
  coverage: VenueCoverage | null;
  facts: VenueFactView[];
  factStaleDays: number;
  fees: FeeRowView[];
}

export interface VenueMarketView {
  figures: MarketFigures;
  input: VenueScoreInput;
  score: VenueScore;
}

/**
 * One market of a venue at a notional over a window: one schema for the market and series route handlers
 * (strict), the venue page's server prefetch and its URL state (lib/queries/view-params.ts, lenient).
 */
export const MarketQueryFields = {
  symbol: z.string().trim().min(1, "symbol is the venue's market symbol"),
  notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD),
  ...zWindowFields,
};

const marketQueryOf = (q: z.output<z.ZodObject<typeof MarketQueryFields>>) => ({ symbol: q.symbol, notionalUsd: q.notional, window: windowFrom(q) });

export const MarketQuery = z.object(MarketQueryFields).transform(marketQueryOf);
export type MarketQueryInput = z.input<typeof MarketQuery>;

/** The same query naming the venue too (/api/series?venue=…). */
export const VenueMarketQuery = z.object({ venue: z.string().min(1, "venue is a venue slug"), ...MarketQueryFields }).transform((q) => ({ venue: q.venue, ...marketQueryOf(q) }));
