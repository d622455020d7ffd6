// What the data page shows of the collector: each configured venue × kind against its cadence, by data time.
export interface CollectorTaskHealth {
  id: string;
  venue: string;
  kind: string;
  cadence: string;
  /** Period the cadence stands for, ms (a settlement cadence: the venue's funding interval). */
  periodMs: number;
  /** Newest stored data time (ISO), not the time it was fetched. */
  lastData: string | null;
  /** "fresh" within 2 periods, "late" within 6, "stale" beyond, "no data" when nothing is stored. */
  state: "fresh" | "late" | "stale" | "no data";
  /** Over the last 24 h: stretches longer than 2 periods without data (per market), and the longest. */
  gaps24h: number;
  longestGapMs: number | null;
  /** Over the last 24 h: live runs and the share that failed. */
  runs24h: number;
  failed24h: number;
  lastError: string | null;
}

export interface CollectorHealth {
  /** The config file VENUESCOPE_COLLECT names, or null when none is set. */
  config: string | null;
  /** A config that does not load, in words (the collector would not start either). */
  error: string | null;
  tasks: CollectorTaskHealth[];
  generatedAt: string;
}
