// Data coverage per venue and market: which kinds of data are stored, their time range, row counts and
// provenance. The home page, the data-status page and the API all read it from here.
import "server-only";
import type { Db } from "../db";
import { cachedFigure } from "./figure-cache";
import { msOrNull, readRows } from "../store/sqlite-read";
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

const PROVENANCE_BITS: [number, Provenance][] = [
  [1, "live"],
  [2, "recorded"],
  [4, "simulated"],
];

/**
 * Book coverage per market from BookDayCount (kept exact by every write of books: lib/store/book-days.ts):
 * count, first and last time, provenances, truncated and aggregated counts, most levels. Grouping the snapshots
 * themselves took ~6 s over a year of 50 markets, and the cache holding it lasts only until the next run.
 */
async function bookDayCoverage(db: Db, marketIds: number[] | null) {
  const only = marketIds === null ? "" : ` WHERE "marketId" IN (${marketIds.map(() => "?").join(",") || "NULL"})`;
  const rows = await readRows<{ marketId: number; count: number | bigint; truncated: number | bigint; aggregated: number | bigint; maxLevels: number | null; exactLevels: number | null; p1: number; p2: number; p4: number; firstTs: unknown; lastTs: unknown }>(
    db,
    `SELECT "marketId", SUM("count") AS "count", SUM("truncated") AS "truncated", SUM("aggregated") AS "aggregated", MAX("maxLevels") AS "maxLevels", MAX("exactLevels") AS "exactLevels", MAX("provenances" & 1) AS "p1", MAX("provenances" & 2) AS "p2", MAX("provenances" & 4) AS "p4", MIN("firstTs") AS "firstTs", MAX("lastTs") AS "lastTs" FROM "BookDayCount"${only} GROUP BY "marketId"`,
    marketIds ?? [],
  );
  const out = new Map<number, { coverage: KindCoverage; truncated: number; aggregated: number; maxLevels: number; exactLevels: number | null }>();
  for (const r of rows) {
    const count = Number(r.count);
    if (count === 0) continue;
    const bits = Number(r.p1) | Number(r.p2) | Number(r.p4);
    const from = msOrNull(r.firstTs);
    const to = msOrNull(r.lastTs);
    out.set(Number(r.marketId), {
      coverage: { count, from: from === null ? null : new Date(from).toISOString(), to: to === null ? null : new Date(to).toISOString(), provenance: PROVENANCE_BITS.filter(([b]) => bits & b).map(([, p]) => p) },
      truncated: Number(r.truncated),
      aggregated: Number(r.aggregated),
      maxLevels: Number(r.maxLevels ?? 0),
      exactLevels: r.exactLevels === null ? null : Number(r.exactLevels),
    });
  }
  return out;
}

/**
 * Each venue's latest run (by start; the newest id among runs started at the same time), from the
 * (venueSlug, kind, startedAt) index: reading every run to keep the first per venue took ~1 s over a year of
 * 5-minute collection.
 */
async function latestRuns(db: Db, slug: string | null) {
  const rows = await readRows<{ venueSlug: string; kind: string; status: string; finishedAt: unknown; id: number }>(
    db,
    `SELECT r."venueSlug", r."kind", r."status", r."finishedAt", r."id" FROM "IngestRun" r JOIN (SELECT "venueSlug", MAX("startedAt") AS "at" FROM "IngestRun"${slug === null ? "" : ` WHERE "venueSlug" = ?`} GROUP BY "venueSlug") l ON l."venueSlug" = r."venueSlug" AND l."at" = r."startedAt" ORDER BY r."id" DESC`,
    slug === null ? [] : [slug],
  );
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.venueSlug) && seen.add(r.venueSlug)).map((r) => ({ venueSlug: r.venueSlug, kind: r.kind, status: r.status, finishedAt: msOrNull(r.finishedAt) }));
}

/**
 * Coverage of every venue, or of one (`slug`: that venue's markets only). Books come from their per-day counts
 * (bookDayCoverage); the other kinds are grouped as stored. Cached until the next ingest run of the venue
 * (of any venue, for all of them).
 */
export async function getCoverage(db: Db, filter: { slug?: string } = {}): Promise<VenueCoverage[]> {
  const venueId = filter.slug ? (await db.venue.findUnique({ where: { slug: filter.slug }, select: { id: true } }))?.id : undefined;
  return cachedFigure(db, `cov1|${filter.slug ?? "*"}`, () => computeCoverage(db, filter), venueId);
}

async function computeCoverage(db: Db, filter: { slug?: string }): Promise<VenueCoverage[]> {
  const venues = await db.venue.findMany({ where: filter.slug ? { slug: filter.slug } : {}, include: { markets: { orderBy: { symbol: "asc" } } }, orderBy: { name: "asc" } });
  const byMarket = filter.slug ? { marketId: { in: venues.flatMap((v) => v.markets.map((m) => m.id)) } } : {};
  const byVenue = filter.slug ? { venueId: { in: venues.map((v) => v.id) } } : {};
  const marketIds = filter.slug ? venues.flatMap((v) => v.markets.map((m) => m.id)) : null;
  const [books, funding, liqs, oi, fees, insurance, facts, runs] = await Promise.all([
    bookDayCoverage(db, marketIds),
    db.fundingRecord.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { fundingTime: true }, _max: { fundingTime: true } }),
    db.liquidation.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.openInterestReading.groupBy({ by: ["marketId", "provenance"], where: byMarket, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.feeSchedule.groupBy({ by: ["venueId", "provenance"], where: byVenue, _count: { _all: true }, _min: { effectiveFrom: true }, _max: { effectiveFrom: true } }),
    db.insuranceFundBalance.groupBy({ by: ["venueId", "provenance"], where: byVenue, _count: { _all: true }, _min: { ts: true }, _max: { ts: true } }),
    db.venueFact.groupBy({ by: ["venueId"], where: byVenue, _count: { _all: true } }),
    latestRuns(db, filter.slug ?? null),
  ]);
  const fundingCov = collect(funding as unknown as Group[], "marketId", "fundingTime");
  const liqCov = collect(liqs as unknown as Group[], "marketId", "ts");
  const oiCov = collect(oi as unknown as Group[], "marketId", "ts");
  const feeCov = collect(fees as unknown as Group[], "venueId", "effectiveFrom");
  const insCov = collect(insurance as unknown as Group[], "venueId", "ts");
  const factCount = new Map(facts.map((f) => [f.venueId, f._count._all]));
  const lastRun = new Map(runs.map((r) => [r.venueSlug, r]));
  const bookCov = new Map([...books].map(([id, b]) => [id, b.coverage]));

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
      lastRun: run ? { kind: run.kind, status: run.status, finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString() } : null,
      markets: v.markets
        .filter((m) => bookCov.has(m.id) || fundingCov.has(m.id) || liqCov.has(m.id) || oiCov.has(m.id))
        .map((m) => {
          const b = books.get(m.id);
          const total = b?.coverage.count ?? 0;
          const maxLevels = b ? b.maxLevels : null;
          const exactLevels = b && b.aggregated > 0 ? (b.exactLevels ?? 0) : null;
          return {
            symbol: m.symbol,
            base: m.base,
            quote: m.quote,
            contractType: m.contractType,
            sizeUnit: m.sizeUnit,
            contractSize: m.contractSize,
            fundingIntervalHours: m.fundingIntervalHours,
            depth: { ...(b?.coverage ?? none()), maxLevels, truncatedShare: total ? b!.truncated / total : null, aggregatedShare: total ? b!.aggregated / total : null, exactLevels },
            funding: fundingCov.get(m.id) ?? none(),
            liquidations: liqCov.get(m.id) ?? none(),
            oi: oiCov.get(m.id) ?? none(),
          };
        }),
    };
  });
}
