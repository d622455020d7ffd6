// Data status: ingest runs (latest first, paginated, with their errors and rejections), freshness per venue
// and data kind (latest stored row and latest ingest run), and a per-day coverage grid (venue × kind × day).
import "server-only";
import type { Db } from "../db";
import { dialectOf, placeholder, utcDay } from "../sql-dialect";
import type { Capabilities } from "../venues/types";
import { DAY_MS } from "../metrics/time";
import { BACKFILL_STALL_MS, type BackfillRow, DataStatusQuery, FRESHNESS_KINDS, type FreshnessKind, GRID_KINDS, type GridKind, type KindFreshness, type DataStatus } from "../views/data-status";

const ERROR_FILTER = { OR: [{ status: { in: ["failed", "partial"] } }, { rowsRejected: { gt: 0 } }, { error: { not: null } }] };
const CAP_KIND: Record<FreshnessKind, keyof Capabilities | null> = { depth: "depth", funding: "funding", liquidations: "liquidations", oi: "oi", fees: "fees", insurance: "insurance", facts: null };

function parseRejections(json: string): { field: string; message: string }[] {
  try {
    const list = JSON.parse(json) as { field?: unknown; message?: unknown }[];
    return Array.isArray(list) ? list.slice(0, 5).map((r) => ({ field: String(r.field ?? ""), message: String(r.message ?? "") })) : [];
  } catch {
    return [];
  }
}

function capabilities(json: string): Partial<Capabilities> {
  try {
    return (JSON.parse(json) as { has?: Partial<Capabilities> }).has ?? {};
  } catch {
    return {};
  }
}

async function ingestRuns(db: Db, q: DataStatusQuery): Promise<DataStatus["runs"]> {
  const where = q.runs === "errors" ? ERROR_FILTER : {};
  const total = await db.ingestRun.count({ where });
  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, pages);
  // Problems lead with real venues': "live" and "recorded" sort before "simulated", so simulated runs'
  // failures come after every real one (each group latest first). The full list stays latest first.
  const orderBy = q.runs === "errors" ? [{ provenance: "asc" as const }, { startedAt: "desc" as const }, { id: "desc" as const }] : [{ startedAt: "desc" as const }, { id: "desc" as const }];
  const rows = await db.ingestRun.findMany({ where, orderBy, skip: (page - 1) * q.pageSize, take: q.pageSize });
  const items = rows.map((r) => ({
    id: r.id,
    venueSlug: r.venueSlug,
    kind: r.kind,
    mode: r.mode,
    source: r.source,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    status: r.status,
    rowsWritten: r.rowsWritten,
    rowsSkipped: r.rowsSkipped,
    rowsRejected: r.rowsRejected,
    error: r.error,
    rejections: parseRejections(r.rejections),
    provenance: r.provenance,
  }));
  return { total, page, pageSize: q.pageSize, pages, filter: q.runs, items };
}

/** Backfill cursors: running ones first (a stalled one marked interrupted), then the latest finished. */
export async function backfillRows(db: Db, now = Date.now()): Promise<BackfillRow[]> {
  const rows = await db.backfillCursor.findMany({ orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 50 });
  const out = rows.map((r): BackfillRow => ({
    venueSlug: r.venueSlug,
    kind: r.kind,
    symbol: r.symbol,
    source: r.source,
    status: r.status === "running" && now - r.updatedAt.getTime() > BACKFILL_STALL_MS ? "interrupted" : r.status,
    from: r.fromTs.toISOString(),
    to: r.toTs.toISOString(),
    coveredTo: r.coveredTo?.toISOString() ?? null,
    steps: r.steps,
    stepsTotal: r.stepsTotal,
    rowsWritten: r.rowsWritten,
    rowsSkipped: r.rowsSkipped,
    notPublishedCount: r.notPublishedCount,
    failedSteps: r.failedSteps,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    message: r.message,
  }));
  return [...out.filter((r) => r.status === "running"), ...out.filter((r) => r.status !== "running")];
}

type Latest = Map<number, { latest: Date | null; count: number }>;
const byId = (rows: { id: number; latest: Date | null; count: number }[]): Latest => {
  const out: Latest = new Map();
  for (const r of rows) {
    const cur = out.get(r.id) ?? { latest: null, count: 0 };
    cur.count += r.count;
    if (r.latest && (!cur.latest || r.latest > cur.latest)) cur.latest = r.latest;
    out.set(r.id, cur);
  }
  return out;
};

/** Per-day row counts of one market-level table, keyed by venue id, from `fromDay` (YYYY-MM-DD) on. */
async function dayCounts(db: Db, table: "BookSnapshot" | "FundingRecord" | "Liquidation" | "OpenInterestReading", column: string, fromDay: string) {
  // One GROUP BY in the database (a year of books is millions of rows). Times are UTC on both databases;
  // the table/column names are constants. The bound day compares as ISO-8601 text on SQLite and is read
  // as midnight UTC by PostgreSQL (timestamps without time zone hold UTC).
  const dialect = dialectOf(db);
  const day = utcDay(dialect, `t."${column}"`);
  const rows = await db.$queryRawUnsafe<{ venueId: number; day: string; n: number | bigint }[]>(
    `SELECT m."venueId" AS "venueId", ${day} AS "day", COUNT(*) AS "n" FROM "${table}" t JOIN "Market" m ON m."id" = t."marketId" WHERE t."${column}" >= ${placeholder(dialect, 0)} GROUP BY m."venueId", ${day}`,
    fromDay,
  );
  return rows.map((r) => ({ venueId: Number(r.venueId), day: r.day, n: Number(r.n) }));
}

/**
 * Book snapshots stored per market (count and latest time), in the shape of a groupBy by market: counts summed
 * from BookDayCount (kept exact by every write of books), the latest time by one index seek per market. Counting
 * the snapshots themselves scans the (marketId, ts) index, ~1 s over a year of 50 markets (10 s when its pages are
 * not cached).
 */
async function bookCounts(db: Db) {
  const [sums, latest] = await Promise.all([
    db.bookDayCount.groupBy({ by: ["marketId"], _sum: { count: true } }),
    db.$queryRawUnsafe<{ marketId: number | bigint; latest: string | Date | null }[]>(`SELECT m."id" AS "marketId", (SELECT MAX(b."ts") FROM "BookSnapshot" b WHERE b."marketId" = m."id") AS "latest" FROM "Market" m`),
  ]);
  const latestOf = new Map(latest.map((r) => [Number(r.marketId), r.latest === null ? null : new Date(r.latest)]));
  return sums.filter((r) => (r._sum.count ?? 0) > 0).map((r) => ({ marketId: r.marketId, _max: { ts: latestOf.get(r.marketId) ?? null }, _count: { _all: r._sum.count ?? 0 } }));
}

/** Book snapshots per venue and UTC day from `fromDay` (YYYY-MM-DD) on, from BookDayCount (as bookCounts). */
async function bookDayCounts(db: Db, markets: { id: number; venueId: number }[], fromDay: string) {
  const venueOf = new Map(markets.map((m) => [m.id, m.venueId]));
  const rows = await db.bookDayCount.findMany({ where: { day: { gte: new Date(`${fromDay}T00:00:00Z`) } }, select: { marketId: true, day: true, count: true } });
  return rows.map((r) => ({ venueId: venueOf.get(r.marketId)!, day: r.day.toISOString().slice(0, 10), n: r.count }));
}

export async function getDataStatus(db: Db, q: DataStatusQuery): Promise<DataStatus> {
  const [venues, markets, runs, runCounts, lastRuns] = await Promise.all([
    db.venue.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, provenance: true, capabilities: true } }),
    db.market.findMany({ select: { id: true, venueId: true } }),
    ingestRuns(db, q),
    db.ingestRun.groupBy({ by: ["status"], _count: { _all: true } }),
    db.ingestRun.groupBy({ by: ["venueSlug", "kind"], _max: { startedAt: true } }),
  ]);
  const venueOf = new Map(markets.map((m) => [m.id, m.venueId]));
  const mk = (rows: { marketId: number; _max: Record<string, Date | null>; _count: { _all: number } }[], f: string) =>
    byId(rows.map((r) => ({ id: venueOf.get(r.marketId)!, latest: r._max[f], count: r._count._all })));
  const vk = (rows: { venueId: number; _max: Record<string, Date | null>; _count: { _all: number } }[], f: string) =>
    byId(rows.map((r) => ({ id: r.venueId, latest: r._max[f], count: r._count._all })));
  const [books, funding, liqs, oi, fees, ins, facts] = await Promise.all([
    bookCounts(db),
    db.fundingRecord.groupBy({ by: ["marketId"], _max: { fundingTime: true }, _count: { _all: true } }),
    db.liquidation.groupBy({ by: ["marketId"], _max: { ts: true }, _count: { _all: true } }),
    db.openInterestReading.groupBy({ by: ["marketId"], _max: { ts: true }, _count: { _all: true } }),
    db.feeSchedule.groupBy({ by: ["venueId"], _max: { effectiveFrom: true }, _count: { _all: true } }),
    db.insuranceFundBalance.groupBy({ by: ["venueId"], _max: { ts: true }, _count: { _all: true } }),
    db.venueFact.groupBy({ by: ["venueId"], _max: { asOf: true }, _count: { _all: true } }),
  ]);
  const latestBy: Record<FreshnessKind, Latest> = {
    depth: mk(books, "ts"),
    funding: mk(funding, "fundingTime"),
    liquidations: mk(liqs, "ts"),
    oi: mk(oi, "ts"),
    fees: vk(fees, "effectiveFrom"),
    insurance: vk(ins, "ts"),
    facts: vk(facts, "asOf"),
  };
  // The latest run of each venue/kind, with its status and error.
  // (one query for all venue/kind pairs, each a seek on the (venueSlug, kind, startedAt) index)
  const latestKeys = lastRuns.filter((r) => r._max.startedAt).map((r) => ({ venueSlug: r.venueSlug, kind: r.kind, startedAt: r._max.startedAt! }));
  const latestRunRows = latestKeys.length ? await db.ingestRun.findMany({ where: { OR: latestKeys }, select: { venueSlug: true, kind: true, status: true, startedAt: true, error: true }, orderBy: { id: "asc" } }) : [];
  const runOf = new Map(latestRunRows.map((r) => [`${r.venueSlug}|${r.kind}`, r]));

  const freshness = venues.map((v) => {
    const has = capabilities(v.capabilities);
    return {
      slug: v.slug,
      name: v.name,
      provenance: v.provenance,
      kinds: FRESHNESS_KINDS.map((kind): KindFreshness => {
        const l = latestBy[kind].get(v.id);
        const run = runOf.get(`${v.slug}|${kind}`);
        const cap = CAP_KIND[kind];
        return {
          kind,
          latest: l?.latest?.toISOString() ?? null,
          count: l?.count ?? 0,
          lastRun: run ? { status: run.status, startedAt: run.startedAt.toISOString(), error: run.error } : null,
          published: cap === null ? null : (has[cap] ?? null),
        };
      }),
    };
  });

  // The grid ends at the latest day with an order-book snapshot or funding record (the time series; recorded
  // and simulated data are not "now"), else at the latest liquidation or open-interest reading.
  const latestOf = (kinds: readonly GridKind[]) => Math.max(0, ...kinds.flatMap((k) => [...latestBy[k].values()].map((l) => l.latest?.getTime() ?? 0)));
  const end = latestOf(["depth", "funding"]) || latestOf(GRID_KINDS);
  const days: string[] = [];
  if (end > 0) for (let i = q.days - 1; i >= 0; i--) days.push(new Date(end - i * DAY_MS).toISOString().slice(0, 10));
  const rows: DataStatus["grid"]["rows"] = [];
  if (days.length > 0) {
    const [bd, fd, ld, od] = await Promise.all([
      bookDayCounts(db, markets, days[0]),
      dayCounts(db, "FundingRecord", "fundingTime", days[0]),
      dayCounts(db, "Liquidation", "ts", days[0]),
      dayCounts(db, "OpenInterestReading", "ts", days[0]),
    ]);
    const perKind: Record<GridKind, typeof bd> = { depth: bd, funding: fd, liquidations: ld, oi: od };
    const dayIndex = new Map(days.map((d, i) => [d, i]));
    for (const v of venues) {
      const has = capabilities(v.capabilities);
      for (const kind of GRID_KINDS) {
        const counts = new Array<number>(days.length).fill(0);
        for (const r of perKind[kind]) if (r.venueId === v.id && dayIndex.has(r.day)) counts[dayIndex.get(r.day)!] += r.n;
        rows.push({ slug: v.slug, name: v.name, provenance: v.provenance, kind, counts, published: has[kind] ?? null });
      }
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    runs,
    runCounts: runCounts.map((r) => ({ status: r.status, count: r._count._all })).sort((a, b) => a.status.localeCompare(b.status)),
    freshness,
    grid: { days, rows },
    backfills: await backfillRows(db),
  };
}
