// The simulated venues and assets: a table of fictional venues whose parameters make them differ the way
// real ones do (deep vs thin books, resilient vs fragile under stress, funding intervals and caps, fee
// tiers, liquidation cascades, insurance funds, data-collection reliability, published facts).
//
// Every name is fictional and says it is simulated ("Sim CEX Alpha", slug sim-cex-alpha); URLs point at
// example.invalid. The intended ranking follows from the parameters: Alpha (deep, resilient, everything
// published) scores best, Golf (thin, fragile, little published) worst.

export type AssetId = "BTC" | "ETH" | "SOL" | "XRP" | "DOGE";

export interface AssetSpec {
  base: AssetId;
  /** Index price at the start of the history (USD). */
  startPrice: number;
  /** Annualised volatility of the shared mid-price path outside stress. */
  annualVol: number;
  /** Multiplier of the stress episodes' price moves (altcoins fall harder). */
  stressBeta: number;
  /** Book depth relative to BTC on the same venue. */
  depthShare: number;
  /** Open interest relative to BTC on the same venue. */
  oiShare: number;
  /** Spread relative to BTC on the same venue. */
  spreadMult: number;
  /** Decimal places of the size step (BTC 0.001, ETH 0.01, SOL 0.1). */
  sizeDecimals: number;
}

export const ASSETS: readonly AssetSpec[] = [
  { base: "BTC", startPrice: 92_000, annualVol: 0.5, stressBeta: 1, depthShare: 1, oiShare: 1, spreadMult: 1, sizeDecimals: 3 },
  { base: "ETH", startPrice: 3_400, annualVol: 0.65, stressBeta: 1.25, depthShare: 0.55, oiShare: 0.5, spreadMult: 1.5, sizeDecimals: 2 },
  { base: "SOL", startPrice: 180, annualVol: 0.85, stressBeta: 1.6, depthShare: 0.25, oiShare: 0.2, spreadMult: 2.5, sizeDecimals: 1 },
  // XRP and DOGE complete the 5-market scale dataset for benchmarks (`--markets 5`); the default has 3.
  { base: "XRP", startPrice: 2.2, annualVol: 0.9, stressBeta: 1.5, depthShare: 0.15, oiShare: 0.12, spreadMult: 3, sizeDecimals: 0 },
  { base: "DOGE", startPrice: 0.35, annualVol: 1.0, stressBeta: 1.7, depthShare: 0.1, oiShare: 0.08, spreadMult: 3.5, sizeDecimals: 0 },
];

/** A yes/partial/no fact answer, a count, or "unknown" (stored as an unknown fact with a note). */
export type FactAnswerSim = "yes" | "partial" | "no" | "unknown";

/** A collector outage: every run of every kind fails from anchor + offsetHours for `hours`. */
export interface OutageSpec {
  /** "crash"/"squeeze": relative to that episode's start; a number: that fraction of the history. */
  anchor: "crash" | "squeeze" | number;
  offsetHours: number;
  hours: number;
}

export interface FeeTierSpec {
  tier: string;
  /** Fractions: 0.0002 = 2 bps; negative maker = rebate. */
  maker: number;
  taker: number;
}

/** A simulated venue's margin rules (lib/simulator/margin.ts turns them into tier tables). */
export interface MarginSpec {
  /** Position notional (USD) where BTC's first tier ends; other assets scale by their depthShare. */
  firstTierUsd: number;
  /** Tiers per table; each step up halves the max leverage (at least 1x) and multiplies the cap by `growth`. */
  tiers: number;
  growth: number;
  /** Maintenance rate as a share of the tier's initial margin rate (0.5 = half, as Binance's and Hyperliquid's). */
  maintenanceShare: number;
  /** Fee on a liquidated position's notional. */
  liquidationFeeRate: number;
  liquidationStyle: "full" | "partial";
  isolatedMargin: boolean;
  /** Accepted collateral and its haircut (0.05 = counted at 95 %). */
  collateral: { asset: string; haircut: number }[];
}

export interface SimVenueProfile {
  slug: string;
  name: string;
  kind: "cex" | "dex";
  /** Fictional chain for DEXes. */
  chain: string | null;
  /** What the profile stands for (shown in docs and progress lines). */
  role: string;
  /** Venue symbol for a base asset: "{B}" is replaced by the base, e.g. "{B}USDT" -> BTCUSDT. */
  symbolTemplate: string;
  quote: string;
  settle: string;
  /** Price tick per asset. */
  ticks: Record<AssetId, number>;
  maxLeverage: number;
  /** Levels per side the venue returns; fewer than the simulated ladder means truncated books. */
  levels: number;
  book: {
    /** Expected USD per side over the whole 50-level ladder, for BTC (scaled by asset depthShare). */
    depthUsd: number;
    /** Distance (bps) from the best price to the 50th level, for BTC in calm markets. */
    spanBps: number;
    /** Calm spread (bps) for BTC; never below one tick. */
    spreadBps: number;
    /** Probability that a level is missing (a hole: a wider price gap). */
    holeProb: number;
    /** Spread multiplier at full stress: spread × (1 + stressSpread × s). */
    stressSpread: number;
    /** Share of depth withdrawn at full stress (near-mid levels lose most). */
    stressDepthCut: number;
  };
  funding: {
    intervalHours: number;
    /** The venue changes its interval at this fraction of the history (aligned to the old interval). */
    switchTo?: { hours: number; atFraction: number };
    /** Cap on |rate| per 8 h (scaled to the interval). */
    capPer8h: number;
    /** Interest component per 8 h added to the premium. */
    interestPer8h: number;
    /** Stationary stdev of the venue's own basis noise (fraction of index). */
    basisNoise: number;
    /** How strongly the venue's basis reacts to stress episodes. */
    stressSensitivity: number;
    /** Rate set by the venue's own rule (a fixed protocol rate + a slow average), not by the premium. */
    diverging?: boolean;
  };
  fees: {
    tiers: FeeTierSpec[];
    /** Raise every tier's taker fee at the crash's peak (a new fee version in the stress episode). */
    stressHike?: { takerAddBps: number; removeRebates: boolean; revertAfterDays: number };
    /** A calm-time fee cut at this fraction of the history (a change outside stress). */
    calmCut?: { atFraction: number; takerCutBps: number };
  };
  liquidations: {
    /** Liquidations per hour per market in calm markets (BTC; scaled by oiShare). */
    calmPerHour: number;
    /** Cascade strength: intensity multiplier and self-excitation in stress. */
    cascade: number;
  };
  /** BTC open interest (USD) at the start; other assets by oiShare. */
  oiUsd: number;
  insurance: {
    asset: string;
    /** Starting fund / total open interest. */
    toOi: number;
    /** Share of stress-time liquidation notional the fund pays out. */
    drawOnCascade: number;
  };
  margin: MarginSpec;
  resiliency: {
    /** Probability that an ingest run fails in calm markets. */
    failProb: number;
    /** Failure probability × (1 + stressFail × s) in stress. */
    stressFail: number;
    outages: OutageSpec[];
    /** Funding settlements inside outages are missing from the history (lowers funding coverage). */
    fundingGapsInOutages: boolean;
  };
  facts: {
    formulaPublished: FactAnswerSim;
    capPublished: FactAnswerSim;
    predictedRatePublished: FactAnswerSim;
    protocolPublished: FactAnswerSim;
    adlRankingPublished: FactAnswerSim;
    insuranceFundPublished: FactAnswerSim;
    settlementOnChain: FactAnswerSim;
    publicLiquidationHistory: FactAnswerSim;
    historicalDataDownloads: FactAnswerSim;
    incidents12m: number | "unknown";
  };
}

const CEX_TIERS = (base: [number, number], rebate: number): FeeTierSpec[] => [
  { tier: "regular", maker: base[0], taker: base[1] },
  { tier: "vip1", maker: base[0] * 0.8, taker: base[1] * 0.9 },
  { tier: "vip2", maker: base[0] * 0.5, taker: base[1] * 0.8 },
  { tier: "market-maker", maker: rebate, taker: base[1] * 0.7 },
];
const DEX_TIERS = (base: [number, number], rebate: number): FeeTierSpec[] => [
  { tier: "base", maker: base[0], taker: base[1] },
  { tier: "staked-1", maker: base[0] * 0.75, taker: base[1] * 0.9 },
  { tier: "staked-2", maker: base[0] * 0.4, taker: base[1] * 0.8 },
  { tier: "maker-program", maker: rebate, taker: base[1] * 0.75 },
];

/**
 * The simulated venues (`--venues N` takes the first N; 8 by default, 10 for the benchmark dataset): deep & resilient CEX, deep but fragile CEX, mid CEX
 * (funding 8 h → 1 h), thin CEX, deep DEX, mid DEX with 20-level truncated books, thin & fragile DEX, and a DEX
 * whose funding diverges from its premium. With the default data, scoring ranks Alpha first and Golf last.
 */
export const SIM_VENUE_PROFILES: readonly SimVenueProfile[] = [
  {
    slug: "sim-cex-alpha",
    name: "Sim CEX Alpha",
    kind: "cex",
    chain: null,
    role: "deep & resilient CEX",
    symbolTemplate: "{B}USDT",
    quote: "USDT",
    settle: "USDT",
    ticks: { BTC: 0.1, ETH: 0.01, SOL: 0.001, XRP: 0.0001, DOGE: 0.00001 },
    maxLeverage: 125,
    levels: 50,
    book: { depthUsd: 25_000_000, spanBps: 60, spreadBps: 0.15, holeProb: 0.02, stressSpread: 1, stressDepthCut: 0.2 },
    funding: { intervalHours: 8, capPer8h: 0.0075, interestPer8h: 0.00003, basisNoise: 0.00005, stressSensitivity: 0.6 },
    fees: { tiers: CEX_TIERS([0.0002, 0.0005], -0.00005) },
    liquidations: { calmPerHour: 0.3, cascade: 0.6 },
    oiUsd: 6_000_000_000,
    insurance: { asset: "USDT", toOi: 0.06, drawOnCascade: 0.002 },
    margin: { firstTierUsd: 5_000_000, tiers: 8, growth: 3, maintenanceShare: 0.4, liquidationFeeRate: 0.005, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDT", haircut: 0 }, { asset: "BTC", haircut: 0.05 }, { asset: "ETH", haircut: 0.05 }] },
    resiliency: { failProb: 0.002, stressFail: 1, outages: [], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "yes", insuranceFundPublished: "yes", settlementOnChain: "partial",
      publicLiquidationHistory: "yes", historicalDataDownloads: "yes", incidents12m: 0,
    },
  },
  {
    slug: "sim-cex-bravo",
    name: "Sim CEX Bravo",
    kind: "cex",
    chain: null,
    role: "deep but fragile-under-stress CEX",
    symbolTemplate: "{B}-USDT-PERP",
    quote: "USDT",
    settle: "USDT",
    ticks: { BTC: 0.1, ETH: 0.01, SOL: 0.001, XRP: 0.0001, DOGE: 0.00001 },
    maxLeverage: 100,
    levels: 50,
    book: { depthUsd: 22_000_000, spanBps: 60, spreadBps: 0.2, holeProb: 0.03, stressSpread: 25, stressDepthCut: 0.9 },
    funding: { intervalHours: 8, capPer8h: 0.005, interestPer8h: 0.00003, basisNoise: 0.00007, stressSensitivity: 1.2 },
    fees: {
      tiers: CEX_TIERS([0.0002, 0.0005], -0.00003),
      stressHike: { takerAddBps: 3, removeRebates: true, revertAfterDays: 10 },
    },
    liquidations: { calmPerHour: 0.25, cascade: 2.5 },
    oiUsd: 4_000_000_000,
    insurance: { asset: "USDT", toOi: 0.012, drawOnCascade: 0.02 },
    margin: { firstTierUsd: 2_000_000, tiers: 7, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.0125, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDT", haircut: 0 }, { asset: "BTC", haircut: 0.1 }, { asset: "ETH", haircut: 0.1 }] },
    resiliency: { failProb: 0.004, stressFail: 12, outages: [{ anchor: "crash", offsetHours: 0.5, hours: 1.5 }], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "partial", insuranceFundPublished: "yes", settlementOnChain: "no",
      publicLiquidationHistory: "partial", historicalDataDownloads: "yes", incidents12m: 3,
    },
  },
  {
    slug: "sim-cex-charlie",
    name: "Sim CEX Charlie",
    kind: "cex",
    chain: null,
    role: "mid-liquidity CEX (funding moves from 8 h to 1 h mid-history)",
    symbolTemplate: "{B}_USDT",
    quote: "USDT",
    settle: "USDT",
    ticks: { BTC: 0.5, ETH: 0.05, SOL: 0.005, XRP: 0.0005, DOGE: 5e-05 },
    maxLeverage: 75,
    levels: 50,
    book: { depthUsd: 8_000_000, spanBps: 90, spreadBps: 0.8, holeProb: 0.05, stressSpread: 4, stressDepthCut: 0.5 },
    funding: { intervalHours: 8, switchTo: { hours: 1, atFraction: 0.55 }, capPer8h: 0.003, interestPer8h: 0.00003, basisNoise: 0.0001, stressSensitivity: 1 },
    fees: { tiers: CEX_TIERS([0.00025, 0.0006], -0.00002), calmCut: { atFraction: 0.2, takerCutBps: 0.5 } },
    liquidations: { calmPerHour: 0.2, cascade: 1.2 },
    oiUsd: 900_000_000,
    insurance: { asset: "USDT", toOi: 0.008, drawOnCascade: 0.01 },
    margin: { firstTierUsd: 1_000_000, tiers: 6, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.01, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDT", haircut: 0 }, { asset: "BTC", haircut: 0.08 }] },
    resiliency: { failProb: 0.006, stressFail: 3, outages: [], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "partial", protocolPublished: "yes",
      adlRankingPublished: "partial", insuranceFundPublished: "partial", settlementOnChain: "no",
      publicLiquidationHistory: "no", historicalDataDownloads: "partial", incidents12m: 1,
    },
  },
  {
    slug: "sim-cex-delta",
    name: "Sim CEX Delta",
    kind: "cex",
    chain: null,
    role: "thin CEX",
    symbolTemplate: "{B}USD-PERP",
    quote: "USD",
    settle: "USDT",
    ticks: { BTC: 1, ETH: 0.1, SOL: 0.01, XRP: 0.001, DOGE: 0.0001 },
    maxLeverage: 50,
    levels: 50,
    book: { depthUsd: 2_500_000, spanBps: 150, spreadBps: 3, holeProb: 0.1, stressSpread: 5, stressDepthCut: 0.6 },
    funding: { intervalHours: 4, capPer8h: 0.004, interestPer8h: 0.00003, basisNoise: 0.00018, stressSensitivity: 1.3 },
    fees: { tiers: CEX_TIERS([0.0004, 0.0007], 0) },
    liquidations: { calmPerHour: 0.1, cascade: 1.5 },
    oiUsd: 120_000_000,
    insurance: { asset: "USDT", toOi: 0.002, drawOnCascade: 0.02 },
    margin: { firstTierUsd: 250_000, tiers: 5, growth: 3, maintenanceShare: 0.6, liquidationFeeRate: 0.015, liquidationStyle: "full", isolatedMargin: true, collateral: [{ asset: "USDT", haircut: 0 }] },
    resiliency: { failProb: 0.012, stressFail: 4, outages: [{ anchor: 0.6, offsetHours: 0, hours: 4 }], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "no", predictedRatePublished: "no", protocolPublished: "partial",
      adlRankingPublished: "unknown", insuranceFundPublished: "no", settlementOnChain: "no",
      publicLiquidationHistory: "no", historicalDataDownloads: "no", incidents12m: 4,
    },
  },
  {
    slug: "sim-dex-echo",
    name: "Sim DEX Echo",
    kind: "dex",
    chain: "SimChain",
    role: "deep DEX (on-chain settlement)",
    symbolTemplate: "{B}-USD",
    quote: "USD",
    settle: "USDC",
    ticks: { BTC: 1, ETH: 0.1, SOL: 0.01, XRP: 0.001, DOGE: 0.0001 },
    maxLeverage: 50,
    levels: 50,
    book: { depthUsd: 15_000_000, spanBps: 70, spreadBps: 0.4, holeProb: 0.03, stressSpread: 2, stressDepthCut: 0.35 },
    funding: { intervalHours: 1, capPer8h: 0.004, interestPer8h: 0.00003, basisNoise: 0.00008, stressSensitivity: 0.8 },
    fees: { tiers: DEX_TIERS([0.00015, 0.00045], -0.00002) },
    liquidations: { calmPerHour: 0.25, cascade: 0.9 },
    oiUsd: 2_500_000_000,
    insurance: { asset: "USDC", toOi: 0.03, drawOnCascade: 0.004 },
    margin: { firstTierUsd: 2_000_000, tiers: 6, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.01, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDC", haircut: 0 }] },
    resiliency: { failProb: 0.004, stressFail: 2, outages: [{ anchor: 0.9, offsetHours: 0, hours: 2 }], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "yes", insuranceFundPublished: "yes", settlementOnChain: "yes",
      publicLiquidationHistory: "yes", historicalDataDownloads: "yes", incidents12m: 1,
    },
  },
  {
    slug: "sim-dex-foxtrot",
    name: "Sim DEX Foxtrot",
    kind: "dex",
    chain: "SimChain",
    role: "mid DEX with books truncated at 20 levels",
    symbolTemplate: "{B}",
    quote: "USD",
    settle: "USDC",
    ticks: { BTC: 1, ETH: 0.1, SOL: 0.01, XRP: 0.001, DOGE: 0.0001 },
    maxLeverage: 40,
    levels: 20,
    book: { depthUsd: 12_000_000, spanBps: 100, spreadBps: 1.2, holeProb: 0.06, stressSpread: 4, stressDepthCut: 0.5 },
    funding: { intervalHours: 8, capPer8h: 0.004, interestPer8h: 0.00003, basisNoise: 0.00012, stressSensitivity: 1 },
    fees: { tiers: DEX_TIERS([0.0002, 0.0005], -0.00001) },
    liquidations: { calmPerHour: 0.15, cascade: 1.2 },
    oiUsd: 600_000_000,
    insurance: { asset: "USDC", toOi: 0.01, drawOnCascade: 0.008 },
    margin: { firstTierUsd: 1_000_000, tiers: 5, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.01, liquidationStyle: "partial", isolatedMargin: false, collateral: [{ asset: "USDC", haircut: 0 }] },
    resiliency: { failProb: 0.008, stressFail: 3, outages: [{ anchor: 0.33, offsetHours: 0, hours: 1 }], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "partial", insuranceFundPublished: "yes", settlementOnChain: "yes",
      publicLiquidationHistory: "yes", historicalDataDownloads: "partial", incidents12m: 2,
    },
  },
  {
    slug: "sim-dex-golf",
    name: "Sim DEX Golf",
    kind: "dex",
    chain: "SimChain L2",
    role: "thin & fragile DEX",
    symbolTemplate: "{B}-PERP",
    quote: "USD",
    settle: "USDC",
    ticks: { BTC: 5, ETH: 0.5, SOL: 0.05, XRP: 0.005, DOGE: 0.0005 },
    maxLeverage: 20,
    levels: 50,
    book: { depthUsd: 900_000, spanBps: 250, spreadBps: 6, holeProb: 0.15, stressSpread: 20, stressDepthCut: 0.92 },
    funding: { intervalHours: 1, capPer8h: 0.003, interestPer8h: 0.00003, basisNoise: 0.0003, stressSensitivity: 2 },
    fees: { tiers: DEX_TIERS([0.0003, 0.0008], 0) },
    liquidations: { calmPerHour: 0.075, cascade: 3 },
    oiUsd: 40_000_000,
    insurance: { asset: "USDC", toOi: 0.0008, drawOnCascade: 0.05 },
    margin: { firstTierUsd: 100_000, tiers: 4, growth: 2.5, maintenanceShare: 0.6, liquidationFeeRate: 0.02, liquidationStyle: "full", isolatedMargin: false, collateral: [{ asset: "USDC", haircut: 0 }] },
    resiliency: {
      failProb: 0.03,
      stressFail: 8,
      outages: [
        { anchor: 0.25, offsetHours: 0, hours: 9 },
        { anchor: "crash", offsetHours: 1, hours: 3 },
      ],
      fundingGapsInOutages: true,
    },
    facts: {
      formulaPublished: "partial", capPublished: "unknown", predictedRatePublished: "no", protocolPublished: "partial",
      adlRankingPublished: "no", insuranceFundPublished: "partial", settlementOnChain: "yes",
      publicLiquidationHistory: "partial", historicalDataDownloads: "no", incidents12m: "unknown",
    },
  },
  {
    slug: "sim-dex-hotel",
    name: "Sim DEX Hotel",
    kind: "dex",
    chain: "SimChain",
    role: "DEX whose funding diverges from its premium for long stretches",
    symbolTemplate: "s{B}-USDC",
    quote: "USDC",
    settle: "USDC",
    ticks: { BTC: 1, ETH: 0.1, SOL: 0.01, XRP: 0.001, DOGE: 0.0001 },
    maxLeverage: 30,
    levels: 50,
    book: { depthUsd: 8_000_000, spanBps: 110, spreadBps: 1.5, holeProb: 0.07, stressSpread: 5, stressDepthCut: 0.55 },
    funding: { intervalHours: 1, capPer8h: 0.005, interestPer8h: 0.00003, basisNoise: 0.00012, stressSensitivity: 1, diverging: true },
    fees: { tiers: DEX_TIERS([0.0002, 0.0006], 0) },
    liquidations: { calmPerHour: 0.125, cascade: 1.3 },
    oiUsd: 300_000_000,
    insurance: { asset: "USDC", toOi: 0.01, drawOnCascade: 0.01 },
    margin: { firstTierUsd: 500_000, tiers: 5, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.015, liquidationStyle: "full", isolatedMargin: true, collateral: [{ asset: "USDC", haircut: 0 }] },
    resiliency: { failProb: 0.01, stressFail: 3, outages: [{ anchor: 0.5, offsetHours: 0, hours: 5 }], fundingGapsInOutages: true },
    facts: {
      formulaPublished: "partial", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "no", insuranceFundPublished: "yes", settlementOnChain: "yes",
      publicLiquidationHistory: "yes", historicalDataDownloads: "partial", incidents12m: 2,
    },
  },  // India and Juliett complete the 10-venue scale dataset for benchmarks (`--venues 10`); the default has 8.
  {
    slug: "sim-cex-india",
    name: "Sim CEX India",
    kind: "cex",
    chain: null,
    role: "mid CEX with steady funding (benchmark venue)",
    symbolTemplate: "{B}USDT-SWAP",
    quote: "USDT",
    settle: "USDT",
    ticks: { BTC: 0.1, ETH: 0.01, SOL: 0.001, XRP: 0.0001, DOGE: 0.00001 },
    maxLeverage: 100,
    levels: 50,
    book: { depthUsd: 10_000_000, spanBps: 80, spreadBps: 0.5, holeProb: 0.04, stressSpread: 3, stressDepthCut: 0.4 },
    funding: { intervalHours: 8, capPer8h: 0.005, interestPer8h: 0.00003, basisNoise: 0.00008, stressSensitivity: 0.9 },
    fees: { tiers: CEX_TIERS([0.0002, 0.00055], -0.00001) },
    liquidations: { calmPerHour: 0.2, cascade: 1 },
    oiUsd: 1_500_000_000,
    insurance: { asset: "USDT", toOi: 0.02, drawOnCascade: 0.005 },
    margin: { firstTierUsd: 2_000_000, tiers: 7, growth: 3, maintenanceShare: 0.45, liquidationFeeRate: 0.0075, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDT", haircut: 0 }, { asset: "BTC", haircut: 0.05 }] },
    resiliency: { failProb: 0.004, stressFail: 2, outages: [], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "partial", insuranceFundPublished: "yes", settlementOnChain: "no",
      publicLiquidationHistory: "partial", historicalDataDownloads: "yes", incidents12m: 1,
    },
  },
  {
    slug: "sim-dex-juliett",
    name: "Sim DEX Juliett",
    kind: "dex",
    chain: "SimChain L2",
    role: "mid DEX with hourly funding (benchmark venue)",
    symbolTemplate: "{B}-PERP",
    quote: "USD",
    settle: "USDC",
    ticks: { BTC: 1, ETH: 0.1, SOL: 0.01, XRP: 0.001, DOGE: 0.0001 },
    maxLeverage: 50,
    levels: 50,
    book: { depthUsd: 6_000_000, spanBps: 100, spreadBps: 1, holeProb: 0.05, stressSpread: 4, stressDepthCut: 0.5 },
    funding: { intervalHours: 1, capPer8h: 0.004, interestPer8h: 0.00003, basisNoise: 0.0001, stressSensitivity: 1 },
    fees: { tiers: DEX_TIERS([0.00015, 0.0005], -0.00002) },
    liquidations: { calmPerHour: 0.15, cascade: 1.2 },
    oiUsd: 400_000_000,
    insurance: { asset: "USDC", toOi: 0.012, drawOnCascade: 0.01 },
    margin: { firstTierUsd: 1_000_000, tiers: 6, growth: 3, maintenanceShare: 0.5, liquidationFeeRate: 0.01, liquidationStyle: "partial", isolatedMargin: true, collateral: [{ asset: "USDC", haircut: 0 }] },
    resiliency: { failProb: 0.008, stressFail: 3, outages: [], fundingGapsInOutages: false },
    facts: {
      formulaPublished: "yes", capPublished: "yes", predictedRatePublished: "yes", protocolPublished: "yes",
      adlRankingPublished: "yes", insuranceFundPublished: "yes", settlementOnChain: "yes",
      publicLiquidationHistory: "yes", historicalDataDownloads: "partial", incidents12m: 1,
    },
  },

];

/** Venue symbol for a base asset. */
export function symbolOf(profile: SimVenueProfile, base: AssetId): string {
  return profile.symbolTemplate.replace("{B}", base);
}

/** Base asset of a venue symbol, or null when the symbol is not one of the venue's. */
export function baseOfSymbol(profile: SimVenueProfile, symbol: string): AssetId | null {
  for (const a of ASSETS) if (symbolOf(profile, a.base) === symbol) return a.base;
  return null;
}

export function profileBySlug(slug: string): SimVenueProfile | null {
  return SIM_VENUE_PROFILES.find((p) => p.slug === slug) ?? null;
}

/** Decimal places of a tick such as 0.1, 0.05 or 5 (so prices can be rounded to exact decimals). */
export function decimalsOfStep(step: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 12;
}
