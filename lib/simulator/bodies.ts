// The simulator's raw bodies (format venuescope-sim/1, lib/venues/simulated/schemas.ts): what a simulated
// venue "responds", handed to ingestBodies exactly as recorded venue responses are.
import type { DataKind, RawCapture } from "../venues/types";
import { marketRowFor } from "../venues/simulated/connector";
import {
  SIM_FORMAT,
  type SimDepthBody,
  type SimFeesBody,
  type SimFundingBody,
  type SimInsuranceBody,
  type SimMarginBody,
  type SimLiquidationsBody,
  type SimMarketsBody,
  type SimOiBody,
} from "../venues/simulated/schemas";
import { bookDay, bookDays, bookMeta } from "./books";
import { feeVersions } from "./fees";
import { fundingRecords } from "./funding";
import { insuranceBalances, marketFlow } from "./liquidations";
import { symbolOf } from "../venues/simulated/profiles";
import { simMarginPolicy, simMarginTables } from "./margin";
import { DAY_MS } from "../metrics/time";
import type { World } from "./world";

export type SimCapture = Pick<RawCapture, "body" | "symbol" | "receivedTs" | "levelLimit">;

const envelope = <K extends DataKind>(world: World, v: number, kind: K) => ({ format: SIM_FORMAT, venue: world.venues[v].slug, kind, seed: world.seed });

export function marketsBody(world: World, v: number): SimMarketsBody {
  const profile = world.venues[v];
  return {
    ...envelope(world, v, "markets"),
    markets: world.assets.map((a) => {
      const row = marketRowFor(profile, symbolOf(profile, a.base))!;
      return {
        symbol: row.symbol,
        base: row.base,
        quote: row.quote,
        settle: row.settle,
        tickSize: row.tickSize,
        sizeStep: 10 ** -a.sizeDecimals,
        maxLeverage: row.maxLeverage,
        fundingIntervalHours: row.fundingIntervalHours,
        fundingCapRate: row.fundingCapRate,
      };
    }),
  };
}

export function depthBody(world: World, v: number, a: number, d: number): SimDepthBody {
  const meta = bookMeta(world, v, a);
  return { ...envelope(world, v, "depth"), ...meta, snapshots: bookDay(world, v, a, d) };
}

export function fundingBody(world: World, v: number, a: number): SimFundingBody {
  return { ...envelope(world, v, "funding"), symbol: symbolOf(world.venues[v], world.assets[a].base), records: fundingRecords(world, v, a) };
}

export function feesBody(world: World, v: number): SimFeesBody {
  return { ...envelope(world, v, "fees"), versions: feeVersions(world, world.venues[v]) };
}

export function liquidationsBody(world: World, v: number, a: number): SimLiquidationsBody {
  return { ...envelope(world, v, "liquidations"), symbol: symbolOf(world.venues[v], world.assets[a].base), liquidations: marketFlow(world, v, a).liquidations };
}

export function oiBody(world: World, v: number, a: number): SimOiBody {
  return { ...envelope(world, v, "oi"), symbol: symbolOf(world.venues[v], world.assets[a].base), readings: marketFlow(world, v, a).oi };
}

export function insuranceBody(world: World, v: number): SimInsuranceBody {
  return { ...envelope(world, v, "insurance"), balances: insuranceBalances(world, v) };
}

export function marginBody(world: World, v: number): SimMarginBody {
  const profile = world.venues[v];
  return {
    ...envelope(world, v, "margin"),
    source: `simulator: ${profile.slug} margin rules (fictional)`,
    asOf: world.end,
    tables: simMarginTables(profile, world.assets),
    policy: simMarginPolicy(profile),
    collateral: profile.margin.collateral,
  };
}

/**
 * The captures of one venue and kind, as ingestBodies takes them. Depth bodies (one per market and UTC day)
 * are built lazily when ingestBodies reads `body`, so a whole venue's books never sit in memory at once.
 */
export function simCaptures(world: World, v: number, kind: DataKind): SimCapture[] {
  const markets = world.assets.map((_, a) => a);
  const symbol = (a: number) => symbolOf(world.venues[v], world.assets[a].base);
  switch (kind) {
    case "markets":
      return [{ body: marketsBody(world, v), symbol: null, receivedTs: world.start, levelLimit: null }];
    case "fees":
      return [{ body: feesBody(world, v), symbol: null, receivedTs: world.end, levelLimit: null }];
    case "insurance":
      return [{ body: insuranceBody(world, v), symbol: null, receivedTs: world.end, levelLimit: null }];
    case "margin":
      return [{ body: marginBody(world, v), symbol: null, receivedTs: world.end, levelLimit: null }];
    case "funding":
      return markets.map((a) => ({ body: fundingBody(world, v, a), symbol: symbol(a), receivedTs: world.end, levelLimit: null }));
    case "liquidations":
      return markets.map((a) => ({ body: liquidationsBody(world, v, a), symbol: symbol(a), receivedTs: world.end, levelLimit: null }));
    case "oi":
      return markets.map((a) => ({ body: oiBody(world, v, a), symbol: symbol(a), receivedTs: world.end, levelLimit: null }));
    case "depth": {
      const out: SimCapture[] = [];
      for (let a = 0; a < markets.length; a++) {
        const meta = bookMeta(world, v, a);
        for (let d = 0; d < bookDays(world); d++) {
          out.push({
            get body() {
              return depthBody(world, v, a, d); // built on read, dropped after parsing
            },
            symbol: symbol(a),
            receivedTs: world.start + d * DAY_MS,
            levelLimit: meta.levelLimit,
          });
        }
      }
      return out;
    }
  }
}
