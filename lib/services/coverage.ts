// Data coverage per venue and market: which kinds of data are stored, their time range, row counts and
// provenance. The home page, the data-status page and the API all read it from here.
import "server-only";
import type { Db } from "../db";
import { cachedFigure } from "./figure-cache";
import type { Capabilities, CapabilityNotes, Provenance } from "../venues/types";
import type { KindCoverage, VenueCoverage } from "../views/coverage";

type Group = { marketId?: number; venueId?: number; provenance: string; _count: { _all: number }; _min: Record<string, Date | null>; _max: Record<string, Date | null> };

function collect(groups: Group[], keyField: "marketId" | "venueId", timeField: string): Map<number, KindCoverage> {
  const out = new Map<number, KindCoverage>();
  for (const g of groups) {
    const id = g[keyField]!;
    const cur = out.get(id) ?? { count: 0, from: null, to: null, provenance: [] };
    cur.count += g._count._all;
    const min = g._min[timeField]?.toISOString() ?? null;
    const max = g._max[timeField]?.toISOString() ?? null;
    if (min && (!cur.from || min < cur.from)) cur.from = min;
    if (max && (!cur.to || max > cur.to)) cur.to = max;
    if (!cur.provenance.includes(g.provenance as Provenance)) cur.provenance.push(g.provenance as Provenance);
    out.set(id, cur);
  }
  return out;
}

const none = (): KindCoverage => ({ count: 0, from: null, to: null, provenance: [] });

/**
 * Coverage of every venue, or of one (`slug`: index range scans over that venue's markets only). Counting
 * a year of books takes seconds, so the result is cached until the next ingest run.
 */
export async function getCoverage(db: Db, filter: { slug?: string } = {}): Promise<VenueCoverage[]> {
  const venueId = filter.slug ? (await db.venue.findUnique({ where: { slug: filter.slug }, select: { id: true } }))?.id : undefined;
  return cachedFigure(db, `cov1|${filter.slug ?? "*"}`, () => computeCoverage(db, filter), venueId);
}

async function computeCoverage(db: Db, filter: { slug?: string }): Promise<VenueCoverage[]> {
  const venues = await db.venue.findMany({ where: filter.slug ? { slug: filter.slug } : {}, include: { markets: { orderBy: { symbol: "asc" } } }, orderBy: { name: "asc" } });
  const byMarket = filter.slug ? { marketId: { in: venues.flatMap((v) => v.markets.map((m) => m.id)) } } : {};
  const byVenue = filter.slug ? { venueId: { in: venues.map((v) => v.id) } } : {};
  const [books, funding, liqs, oi, fees, insurance, facts, levels, runs] = await Promise.all([
    db.bookSnapshot.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.fundingRecord.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { fundingTime: true }, _max: { fundingTime: true } }),
    db.liquidation.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.openInterestReading.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.feeSchedule.groupBy({ by: ["venueId", "provenance"], where: byVenue, _count: { _all: true }, _min: { effectiveFrom: true }, _max: { effectiveFrom: true } }),
    db.insuranceFundBalance.groupBy({ by: ["venueId", "provenance"], where: byVenue, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.venueFact.groupBy({ by: ["venueId"], where: byVenue, _count: { _all: true } }),
    db.bookSnapshot.groupBy({ by: ["marketId", "truncated", "aggregated"], where: byMarket, _count: { _all: true }, _max: { bidLevels: true, askLevels: true, exactLevels: true } }),
    db.ingestRun.findMany({ where: filter.slug ? { venueSlug: filter.slug } : {}, orderBy: { startedAt: "desc" }, distinct: ["venueSlug"], select: { venueSlug: true, kind: true, status: true, finishedAt: true } }),
  ]);
  const bookCov = collect(books as unknown as Group[], "marketId", "ts");
  const fundingCov = collect(funding as unknown as Group[], "marketId", "fundingTime");
  const liqCov = collect(liqs as unknown as Group[], "marketId", "ts");
  const oiCov = collect(oi as unknown as Group[], "marketId", "ts");
  const feeCov = collect(fees as unknown as Group[], "venueId", "effectiveFrom");
  const insCov = collect(insurance as unknown as Group[], "venueId", "ts");
  const factCount = new Map(facts.map((f) => [f.venueId, f._count._all]));
  const lastRun = new Map(runs.map((r) => [r.venueSlug, r]));

  return venues.map((v) => {
    let caps: { has?: Capabilities; notes?: CapabilityNotes } = {};
    try {
      caps = JSON.parse(v.capabilities);
    } catch {
      caps = {};
    }
    const run = lastRun.get(v.slug);
    return {
      slug: v.slug,
      name: v.name,
      kind: v.kind,
      chain: v.chain,
      provenance: v.provenance,
      has: caps.has ?? null,
      notes: caps.notes ?? {},
      fees: feeCov.get(v.id) ?? none(),
      insurance: insCov.get(v.id) ?? none(),
      facts: factCount.get(v.id) ?? 0,
      lastRun: run ? { kind: run.kind, status: run.status, finishedAt: run.finishedAt?.toISOString() ?? null } : null,
      markets: v.markets
        .filter((m) => bookCov.has(m.id) || fundingCov.has(m.id) || liqCov.has(m.id) || oiCov.has(m.id))
        .map((m) => {
          const lv = levels.filter((l) => l.marketId === m.id);
          const total = lv.reduce((s, l) => s + l._count._all, 0);
          const truncated = lv.filter((l) => l.truncated).reduce((s, l) => s + l._count._all, 0);
          const maxLevels = lv.length ? Math.max(...lv.map((l) => Math.max(l._max.bidLevels ?? 0, l._max.askLevels ?? 0))) : null;
          const aggregated = lv.filter((l) => l.aggregated);
          const aggregatedCount = aggregated.reduce((s, l) => s + l._count._all, 0);
          const exactLevels = aggregated.length ? Math.max(...aggregated.map((l) => l._max.exactLevels ?? 0)) : null;
          return {
            symbol: m.symbol,
            base: m.base,
            quote: m.quote,
            contractType: m.contractType,
            sizeUnit: m.sizeUnit,
            contractSize: m.contractSize,
            fundingIntervalHours: m.fundingIntervalHours,
            depth: { ...(bookCov.get(m.id) ?? none()), maxLevels, truncatedShare: total ? truncated / total : null, aggregatedShare: total ? aggregatedCount / total : null, exactLevels },
            funding: fundingCov.get(m.id) ?? none(),
            liquidations: liqCov.get(m.id) ?? none(),
            oi: oiCov.get(m.id) ?? none(),
          };
        }),
    };
  });
}
