// One venue for its page: identity and links, what the venue publishes (`has`), its markets with data,
// data coverage per kind, curated facts (with a stale flag) and fee-schedule history; and the checklist for
// one of its markets (figures → scoring input → score with evidence), as the scorecard computes it.
import type { Db } from "../db";
import { env } from "../env";
import { resiliency as resiliencyOf } from "../metrics/resiliency";
import { scoreVenue, type FactInput, type VenueScore, type VenueScoreInput } from "../scoring";
import type { Capabilities, CapabilityNotes } from "../venues/types";
import type { KindCoverage, VenueCoverage } from "./coverage";
import { apiRuns } from "./market-data";
import { getMarketFigures, type MarketFigures } from "./market-figures";
import { scoreInputFrom } from "./scorecard";
import { resolveWindow, type WindowSpec } from "./windows";

const DAY_MS = 86_400_000;

export interface VenueFactView {
  item: string;
  key: string;
  status: string;
  value: string;
  sourceUrl: string | null;
  quote: string | null;
  asOf: string;
  note: string | null;
  provenance: string;
  ageDays: number;
  /** Older than FACT_STALE_DAYS. */
  stale: boolean;
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

export async function getVenueProfile(db: Db, slug: string, now = Date.now()): Promise<VenueProfile | null> {
  const v = await db.venue.findUnique({
    where: { slug },
    include: {
      facts: { orderBy: [{ item: "asc" }, { key: "asc" }] },
      feeSchedules: { orderBy: [{ scope: "asc" }, { tier: "asc" }, { effectiveFrom: "desc" }] },
      markets: { include: { _count: { select: { books: true, funding: true, liquidations: true, openInterest: true } } } },
    },
  });
  if (!v) return null;
  const staleDays = env().FACT_STALE_DAYS;
  const coverage = await venueCoverage(db, v);
  const markets = v.markets
    .filter((m) => m._count.books + m._count.funding + m._count.liquidations + m._count.openInterest > 0)
    .map((m) => ({ symbol: m.symbol, base: m.base, quote: m.quote, books: m._count.books, funding: m._count.funding }))
    .sort((a, b) => b.books - a.books || b.funding - a.funding || a.symbol.localeCompare(b.symbol));
  const defaultSymbol = (markets.find((m) => m.base === "BTC") ?? markets[0])?.symbol ?? null;
  return {
    venue: { slug: v.slug, name: v.name, kind: v.kind, chain: v.chain, websiteUrl: v.websiteUrl, docsUrl: v.docsUrl, apiDocsUrl: v.apiDocsUrl, provenance: v.provenance },
    has: coverage?.has ?? null,
    notes: coverage?.notes ?? {},
    markets,
    defaultSymbol,
    coverage,
    facts: v.facts.map((f) => {
      const ageDays = Math.floor((now - f.asOf.getTime()) / DAY_MS);
      return { item: f.item, key: f.key, status: f.status, value: f.value, sourceUrl: f.sourceUrl, quote: f.quote, asOf: f.asOf.toISOString(), note: f.note, provenance: f.provenance, ageDays, stale: ageDays > staleDays };
    }),
    factStaleDays: staleDays,
    fees: v.feeSchedules.map((f) => ({ scope: f.scope, tier: f.tier, makerRate: f.makerRate, takerRate: f.takerRate, effectiveFrom: f.effectiveFrom.toISOString(), effectiveTo: f.effectiveTo?.toISOString() ?? null, source: f.source, provenance: f.provenance })),
  };
}

/** The checklist for one market of a venue (the same inputs getScorecard builds for a venue's primary market). */
export async function getVenueMarket(db: Db, slug: string, symbol: string, spec: WindowSpec, notionalUsd: number): Promise<VenueMarketView | null> {
  const market = await db.market.findFirst({ where: { symbol, venue: { slug } }, include: { venue: { include: { facts: true } } } });
  if (!market) return null;
  const v = market.venue;
  const figures = await getMarketFigures(db, market.id, spec, notionalUsd);
  const facts: FactInput[] = v.facts.map((f) => ({ key: f.key, status: f.status === "known" ? "known" : "unknown", value: f.value, source: f.sourceUrl ?? f.note }));
  // API-run resiliency over the figures' window, else over the window ending at the venue's latest API run.
  let range = figures.window;
  if (!range) {
    const last = await db.ingestRun.findFirst({ where: { venueId: v.id, mode: { in: ["live", "simulate"] } }, orderBy: { startedAt: "desc" } });
    range = last ? resolveWindow(spec, 0, last.startedAt.getTime()) : null;
  }
  const runs = range ? resiliencyOf(await apiRuns(db, v.id, range), range) : null;
  const input = scoreInputFrom(v.slug, notionalUsd, figures, facts, runs);
  return { figures, input, score: scoreVenue(input) };
}

type CovGroup = { provenance: string; _count: { _all: number }; _min: Record<string, Date | null>; _max: Record<string, Date | null> };

function kindCoverage(groups: CovGroup[], field: string): KindCoverage {
  const out: KindCoverage = { count: 0, from: null, to: null, provenance: [] };
  for (const g of groups) {
    out.count += g._count._all;
    const min = g._min[field]?.toISOString() ?? null;
    const max = g._max[field]?.toISOString() ?? null;
    if (min && (!out.from || min < out.from)) out.from = min;
    if (max && (!out.to || max > out.to)) out.to = max;
    if (!out.provenance.includes(g.provenance as never)) out.provenance.push(g.provenance as never);
  }
  return out;
}

/** One venue's coverage in the shape of getCoverage's rows, read with index range scans over its own markets only. */
async function venueCoverage(db: Db, v: { id: number; slug: string; name: string; kind: string; chain: string | null; provenance: string; capabilities: string; markets: { id: number; symbol: string; base: string; quote: string; contractType: string; sizeUnit: string; contractSize: number; fundingIntervalHours: number | null }[] }): Promise<VenueCoverage> {
  let caps: { has?: Capabilities; notes?: CapabilityNotes } = {};
  try {
    caps = JSON.parse(v.capabilities);
  } catch {
    caps = {};
  }
  const agg = (ts: string) => ({ _count: { _all: true as const }, _min: { [ts]: true }, _max: { [ts]: true } });
  const byMarket = { marketId: { in: v.markets.map((m) => m.id) } };
  const [books, funding, liqs, oi, levels] = await Promise.all([
    db.bookSnapshot.groupBy({ by: ["marketId", "provenance"], where: byMarket, ...agg("ts") }),
    db.fundingRecord.groupBy({ by: ["marketId", "provenance"], where: byMarket, ...agg("fundingTime") }),
    db.liquidation.groupBy({ by: ["marketId", "provenance"], where: byMarket, ...agg("ts") }),
    db.openInterestReading.groupBy({ by: ["marketId", "provenance"], where: byMarket, ...agg("ts") }),
    db.bookSnapshot.groupBy({ by: ["marketId", "truncated"], where: byMarket, _count: { _all: true }, _max: { bidLevels: true, askLevels: true } }),
  ]);
  const of = (groups: unknown[], id: number) => (groups as (CovGroup & { marketId: number })[]).filter((g) => g.marketId === id);
  const markets = v.markets.map((m) => {
    const lv = levels.filter((l) => l.marketId === m.id);
    const total = lv.reduce((s, l) => s + l._count._all, 0);
    const truncated = lv.filter((l) => l.truncated).reduce((s, l) => s + l._count._all, 0);
    const maxLevels = lv.length ? Math.max(...lv.map((l) => Math.max(l._max.bidLevels ?? 0, l._max.askLevels ?? 0))) : null;
    return {
      symbol: m.symbol,
      base: m.base,
      quote: m.quote,
      contractType: m.contractType,
      sizeUnit: m.sizeUnit,
      contractSize: m.contractSize,
      fundingIntervalHours: m.fundingIntervalHours,
      depth: { ...kindCoverage(of(books, m.id), "ts"), maxLevels, truncatedShare: total ? truncated / total : null },
      funding: kindCoverage(of(funding, m.id), "fundingTime"),
      liquidations: kindCoverage(of(liqs, m.id), "ts"),
      oi: kindCoverage(of(oi, m.id), "ts"),
    };
  });
  const where = { venueId: v.id };
  const [fees, insurance, facts, lastRun] = await Promise.all([
    db.feeSchedule.groupBy({ by: ["provenance"], where, ...agg("effectiveFrom") }),
    db.insuranceFundBalance.groupBy({ by: ["provenance"], where, ...agg("ts") }),
    db.venueFact.count({ where }),
    db.ingestRun.findFirst({ where: { venueSlug: v.slug }, orderBy: { startedAt: "desc" }, select: { kind: true, status: true, finishedAt: true } }),
  ]);
  return {
    slug: v.slug,
    name: v.name,
    kind: v.kind as VenueCoverage["kind"],
    chain: v.chain,
    provenance: v.provenance as VenueCoverage["provenance"],
    has: caps.has ?? null,
    notes: caps.notes ?? {},
    markets: markets.filter((m) => m.depth.count + m.funding.count + m.liquidations.count + m.oi.count > 0).sort((a, b) => a.symbol.localeCompare(b.symbol)),
    fees: kindCoverage(fees as unknown as CovGroup[], "effectiveFrom"),
    insurance: kindCoverage(insurance as unknown as CovGroup[], "ts"),
    facts,
    lastRun: lastRun ? { kind: lastRun.kind, status: lastRun.status, finishedAt: lastRun.finishedAt?.toISOString() ?? null } : null,
  };
}
