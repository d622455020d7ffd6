// The term-structure view (/api/term-structure, the venue page's and compare's curve panels): dated futures'
// annualized basis per maturity against the index, the 30/60/90-day constant-maturity curve, the perpetual's
// funding annualized beside it and the divergence flag over the stored snapshots. Client-safe.
import { z } from "zod";
import type { DivergenceFlag, TermStructure } from "../metrics/term-structure";
import { zAsset, zVenueSlug } from "./params";

/** At most this many snapshots per venue are read (the latest ones). */
export const MAX_TERM_SNAPSHOTS = 500;

export const TermStructureQuery = z.object({ asset: zAsset, venue: zVenueSlug.optional() });
export type TermStructureRequest = z.output<typeof TermStructureQuery>;

export interface TermHistoryPoint {
  ts: number;
  front: number | null;
  cm30: number | null;
  cm60: number | null;
  cm90: number | null;
  perp: number | null;
}

export interface VenueTermStructure {
  venue: string;
  venueName: string;
  provenance: string[];
  snapshots: number;
  latest: TermStructure | null;
  history: TermHistoryPoint[];
  divergence: DivergenceFlag;
}

export interface TermStructureView {
  asset: string;
  venues: VenueTermStructure[];
}
