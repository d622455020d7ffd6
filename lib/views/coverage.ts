// What is stored per venue, kind and market (lib/services/coverage.ts computes it). Client-safe: types only.
import type { Capabilities, CapabilityNotes, Provenance } from "../venues/types";

export interface KindCoverage {
  count: number;
  from: string | null;
  to: string | null;
  provenance: Provenance[];
}

export interface MarketCoverage {
  symbol: string;
  base: string;
  quote: string;
  contractType: string;
  sizeUnit: string;
  contractSize: number;
  fundingIntervalHours: number | null;
  /**
   * aggregatedShare: books merged from coarser price buckets past their first `exactLevels` levels a side
   * (Hyperliquid nSigFigs passes); depth there is known only to a bucket's width.
   */
  depth: KindCoverage & { maxLevels: number | null; truncatedShare: number | null; aggregatedShare: number | null; exactLevels: number | null };
  funding: KindCoverage;
  liquidations: KindCoverage;
  oi: KindCoverage;
}

export interface VenueCoverage {
  slug: string;
  name: string;
  kind: "cex" | "dex";
  chain: string | null;
  provenance: Provenance;
  has: Capabilities | null;
  notes: CapabilityNotes;
  markets: MarketCoverage[];
  fees: KindCoverage;
  insurance: KindCoverage;
  facts: number;
  lastRun: { kind: string; status: string; finishedAt: string | null } | null;
}
