// The rules that turn stored data into scoring inputs (applied by lib/services, stated here so the
// methodology shows them from the same constants the code uses).

/** At most this many snapshots, evenly spaced in time, are walked per statistic (overall, inside and outside stress). */
export const MAX_SAMPLED_SNAPSHOTS = 1500;
/** Holding period for the funding carry in the all-in cost, hours. */
export const CARRY_HOLDING_HOURS = 24;

export const INPUT_RULES = {
  primaryMarket:
    "A venue is represented, for the chosen asset (BTC by default), by its market in that asset with the most stored book snapshots (then funding records). A venue without such a market has no data for the market-based items.",
  worseSide: "Where a figure exists for buys and sells, the score uses the worse side: the higher p50 slippage, beyond-depth share and stress ratio, the lower capacity.",
  windows:
    "Window presets (7d, 30d, 90d, 365d, all) count back from each data kind's own latest record in that market (recorded data is not 'now'); an explicit from/to applies to every kind alike. Every figure states its window.",
  sampling: `Slippage and depth statistics walk at most ${MAX_SAMPLED_SNAPSHOTS} snapshots, evenly spaced in time, over the window; the stress comparison walks up to ${MAX_SAMPLED_SNAPSHOTS} inside and ${MAX_SAMPLED_SNAPSHOTS} outside the stress windows. Mid and spread (for stress detection) use every snapshot.`,
  feeTier: "The all-in cost uses the entry tier: the highest taker rate among the venue's perpetual fee tiers in force at the window's end.",
  allIn: `All-in cost (one definition, scored and shown everywhere) = taker fee + p50 slippage at the target notional (buy side) + expected funding carry over a ${CARRY_HOLDING_HOURS} h holding period, in bps. Without funding data the carry is unknown and so is the all-in cost (it never counts the carry as 0).`,
  unpublished: "A figure whose data the venue's public API does not publish (the connector's `has` map) is marked \"not published by venue\"; like any missing figure it counts 0 points in its item (the figure itself is shown as missing, never as 0).",
  resiliency: "Availability and gaps use the venue's API ingest runs (live fetches, and their stand-ins for simulated venues); file imports do not count.",
} as const;
