// Write a simulated dataset into the database through the normal ingestion path: for every configured
// simulated venue, markets, fees, books (one body per venue-market-day), funding, liquidations, open interest
// and insurance go through ingestBodies (parse → validate → one transaction per body → ingest run) with
// provenance "simulated" and mode "simulate" (margin rules too); then the venues' simulated facts and their simulated
// data-collection history (ingest runs, some failed); then trade prints (sweeps walking the simulated books, in a
// recent window and around the stress episodes: lib/simulator/trades.ts) through the trades sink, and the
// predicted rate each funding run read beside the settlement it predicted (lib/simulator/funding.ts). Same seed
// and options ⇒ the same rows; running it again on the same database writes nothing new (natural keys) and
// replaces the run history rather than adding one.
import "server-only";
import type { Db } from "../db";
import { ingestBodies, type IngestSummary } from "../ingest/ingest-bodies";
import { upsertFacts } from "../facts/upsert-facts";
import type { DataKind } from "../venues/types";
import { simulatedConnector } from "../venues/simulated/connector";
import { simCaptures } from "./bodies";
import { simulatedFacts } from "./facts";
import { simulatedRuns } from "./runs";
import { buildWorld, type SimulationOptions, type World } from "./world";
import { tradeDays, tradesOfDay } from "./trades";
import { fundingEstimates } from "./funding";
import { TradeSink } from "../ingest/import-trades";
import { symbolOf } from "../venues/simulated/profiles";
import { dialectOf, placeholder } from "../sql-dialect";

export interface SimulateOptions extends Partial<SimulationOptions> {
  onProgress?: (line: string) => void;
  /** First delete every simulated venue (slug sim-*, provenance simulated) with its data and runs. */
  replace?: boolean;
}

export interface SimulateResult {
  ok: boolean;
  options: SimulationOptions;
  window: { from: string; to: string };
  venues: { slug: string; name: string; kind: "cex" | "dex"; role: string }[];
  markets: string[];
  episodes: { name: string; kind: string; from: string; peakFrom: string; peakTo: string; to: string }[];
  rowsWritten: Record<DataKind, number>;
  rowsSkipped: Record<DataKind, number>;
  rowsRejected: Record<DataKind, number>;
  facts: { written: number; unchanged: number };
  /** Simulated ingest-run history rows written (mode simulate, source SIM_HISTORY_SOURCE). */
  historyRuns: number;
  historyFailedRuns: number;
  /** Simulated trades (one "trades" run per venue): prints and sweeps generated, raw prints and minute aggregates written. */
  trades: { prints: number; sweeps: number; printsWritten: number; minutesWritten: number; ms: number };
  /** Settled funding records given the estimate a collection run read before them (predictedRate, predictedRunId). */
  predictions: { written: number; ms: number };
  /** The ingest runs of the load itself (one per venue and kind). */
  runs: Omit<IngestSummary, "rejections">[];
  durationMs: number;
}

/** IngestRun.source of the simulated collection history. */
export const SIM_HISTORY_SOURCE = "simulator: simulated collection history";

/** Load order: markets first (the other kinds name them), books before funding/OI as in live ingestion. */
export const SIM_KIND_ORDER: DataKind[] = ["markets", "fees", "depth", "funding", "liquidations", "oi", "insurance", "margin"];

const zero = (): Record<DataKind, number> => ({ markets: 0, depth: 0, funding: 0, fees: 0, liquidations: 0, oi: 0, insurance: 0, margin: 0 });

export async function simulate(db: Db, options: SimulateOptions = {}): Promise<SimulateResult> {
  const t0 = Date.now();
  const log = options.onProgress ?? (() => {});
  const world = buildWorld(options);
  const o = world.options;
  const iso = (ts: number) => new Date(ts).toISOString();
  log(
    `simulate: ${world.venues.length} venues × ${world.assets.length} markets × ${o.days} days at ${o.cadenceMinutes} min, seed ${world.seed}, ` +
      `${iso(world.start)} .. ${iso(world.end)} (world built in ${Date.now() - t0} ms)`,
  );

  if (options.replace) {
    const gone = await db.venue.deleteMany({ where: { slug: { startsWith: "sim-" }, provenance: "simulated" } });
    await db.ingestRun.deleteMany({ where: { venueSlug: { startsWith: "sim-" }, provenance: "simulated" } });
    log(`simulate: replaced ${gone.count} existing simulated venues`);
  }

  const source = `simulator seed=${world.seed} days=${o.days} cadence=${o.cadenceMinutes}m end=${iso(world.end)}`;
  const rowsWritten = zero();
  const rowsSkipped = zero();
  const rowsRejected = zero();
  const runs: SimulateResult["runs"] = [];
  for (const kind of SIM_KIND_ORDER) {
    for (let v = 0; v < world.venues.length; v++) {
      const profile = world.venues[v];
      const t = Date.now();
      const summary = await ingestBodies(db, simulatedConnector(profile), kind, simCaptures(world, v, kind), { provenance: "simulated", mode: "simulate", source });
      const { rejections, ...rest } = summary;
      runs.push(rest);
      rowsWritten[kind] += summary.rowsWritten;
      rowsSkipped[kind] += summary.rowsSkipped;
      rowsRejected[kind] += summary.rowsRejected;
      const why = rejections.length ? `; first rejection: ${rejections[0].symbol ?? "-"} ${rejections[0].field}: ${rejections[0].message}` : "";
      log(
        `simulate: ${kind} ${profile.slug}: ${summary.status}, ${summary.rowsWritten} written, ${summary.rowsSkipped} already stored, ` +
          `${summary.rowsRejected} rejected (${Date.now() - t} ms)${summary.error ? `; ${summary.error}` : why}`,
      );
    }
  }

  const venueIds = new Map((await db.venue.findMany({ where: { slug: { in: world.venues.map((p) => p.slug) } }, select: { id: true, slug: true } })).map((x) => [x.slug, x.id]));
  const facts = { written: 0, unchanged: 0 };
  for (const profile of world.venues) {
    const r = await upsertFacts(db, venueIds.get(profile.slug)!, simulatedFacts(world, profile), { provenance: "simulated", editedBy: "simulator", mode: "bootstrap" });
    facts.written += r.written;
    facts.unchanged += r.unchanged;
  }
  log(`simulate: facts: ${facts.written} written, ${facts.unchanged} unchanged`);

  // The simulated collection history replaces any earlier one for these venues (it has no natural key).
  let historyRuns = 0;
  let historyFailedRuns = 0;
  for (const profile of world.venues) {
    const venueId = venueIds.get(profile.slug)!;
    await db.ingestRun.deleteMany({ where: { venueSlug: profile.slug, mode: "simulate", source: SIM_HISTORY_SOURCE } });
    const rows = simulatedRuns(world, profile).map((r) => ({
      venueId,
      venueSlug: r.venue,
      kind: r.kind,
      mode: "simulate",
      source: SIM_HISTORY_SOURCE,
      startedAt: new Date(r.startedAt),
      finishedAt: new Date(r.startedAt + r.durationMs),
      durationMs: r.durationMs,
      status: r.status,
      rowsWritten: r.rowsWritten,
      rowsSkipped: 0,
      rowsRejected: r.rowsRejected,
      rejections: r.status === "partial" ? JSON.stringify([{ venue: r.venue, symbol: null, field: "(record)", message: r.error, index: null }]) : "[]",
      error: r.error,
      provenance: "simulated" as const,
    }));
    for (let i = 0; i < rows.length; i += 2000) await db.ingestRun.createMany({ data: rows.slice(i, i + 2000) });
    historyRuns += rows.length;
    historyFailedRuns += rows.filter((r) => r.status === "failed").length;
  }
  log(`simulate: collection history: ${historyRuns} runs (${historyFailedRuns} failed)`);

  const trades = await simulateTrades(db, world, venueIds, source, log);
  const predictions = await simulatePredictions(db, world, venueIds, log);

  const durationMs = Date.now() - t0;
  const total = Object.values(rowsWritten).reduce((s, n) => s + n, 0);
  log(`simulate: done, ${total} rows written in ${(durationMs / 1000).toFixed(1)} s`);
  return {
    ok: runs.every((r) => r.status === "ok"),
    options: o,
    window: { from: iso(world.start), to: iso(world.end) },
    venues: world.venues.map((p) => ({ slug: p.slug, name: p.name, kind: p.kind, role: p.role })),
    markets: world.assets.map((a) => a.base),
    episodes: world.episodes.map((e) => ({ name: e.name, kind: e.kind, from: iso(e.start), peakFrom: iso(e.peakFrom), peakTo: iso(e.peakTo), to: iso(e.end) })),
    rowsWritten,
    rowsSkipped,
    rowsRejected,
    facts,
    historyRuns,
    historyFailedRuns,
    trades,
    predictions,
    runs,
    durationMs,
  };
}

async function marketIdOf(db: Db, venueId: number, symbol: string): Promise<number | null> {
  return (await db.market.findUnique({ where: { venueId_symbol: { venueId, symbol } }, select: { id: true } }))?.id ?? null;
}

/** Sweeps on every venue's simulated books (lib/simulator/trades.ts) into raw prints and minute aggregates, one run per venue. */
async function simulateTrades(db: Db, world: World, venueIds: Map<string, number>, source: string, log: (l: string) => void): Promise<SimulateResult["trades"]> {
  const t0 = Date.now();
  const out = { prints: 0, sweeps: 0, printsWritten: 0, minutesWritten: 0, ms: 0 };
  const days = tradeDays(world);
  for (let v = 0; v < world.venues.length; v++) {
    const profile = world.venues[v];
    const venueId = venueIds.get(profile.slug)!;
    const started = Date.now();
    const run = await db.ingestRun.create({ data: { venueId, venueSlug: profile.slug, kind: "trades", mode: "simulate", source, provenance: "simulated", startedAt: new Date(started) } });
    // every generated print stays raw (the windows are bounded; the default 30-day raw window would drop the early episode's)
    const sink = new TradeSink(db, { provenance: "simulated", source, ingestRunId: run.id, rawWindowDays: world.options.days + 1 });
    for (let a = 0; a < world.assets.length; a++) {
      const symbol = symbolOf(profile, world.assets[a].base);
      const marketId = await marketIdOf(db, venueId, symbol);
      if (marketId === null) continue;
      for (const d of days) await sink.add(marketId, symbol, tradesOfDay(world, v, a, d));
    }
    const st = await sink.finish();
    const finished = Date.now();
    await db.ingestRun.update({ where: { id: run.id }, data: { finishedAt: new Date(finished), durationMs: finished - started, status: "ok", rowsWritten: st.printsWritten + st.minutesWritten + st.minutesReplaced, rowsSkipped: st.printsSkipped + st.minutesKept, rowsRejected: 0 } });
    out.prints += st.printsRead;
    out.sweeps += st.sweeps;
    out.printsWritten += st.printsWritten;
    out.minutesWritten += st.minutesWritten;
    log(`simulate: trades ${profile.slug}: ${st.printsRead} prints in ${st.sweeps} sweeps, ${st.printsWritten} written, ${st.minutesWritten} minute aggregates (${finished - started} ms)`);
  }
  out.ms = Date.now() - t0;
  return out;
}

/** Rows per UPDATE of the predictions (5 bound values a row). */
const PREDICTION_CHUNK = 1_000;

/**
 * For venues that publish the next rate: the estimate each successful funding run of the simulated collection
 * history read (fundingEstimates), stored on the settled record it predicted as real ingestion does when a
 * settlement replaces an estimate (predictedRate, predictedRunId: the run, whose start is when it was read).
 */
async function simulatePredictions(db: Db, world: World, venueIds: Map<string, number>, log: (l: string) => void): Promise<SimulateResult["predictions"]> {
  const t0 = Date.now();
  let written = 0;
  const dialect = dialectOf(db);
  for (let v = 0; v < world.venues.length; v++) {
    const profile = world.venues[v];
    if (profile.facts.predictedRatePublished !== "yes") continue;
    const venueId = venueIds.get(profile.slug)!;
    const reads = await db.ingestRun.findMany({ where: { venueSlug: profile.slug, mode: "simulate", source: SIM_HISTORY_SOURCE, kind: "funding", status: { not: "failed" } }, select: { id: true, startedAt: true } });
    const runAt = new Map(reads.map((r) => [r.startedAt.getTime(), r.id]));
    for (let a = 0; a < world.assets.length; a++) {
      const marketId = await marketIdOf(db, venueId, symbolOf(profile, world.assets[a].base));
      if (marketId === null) continue;
      const settled = new Map((await db.fundingRecord.findMany({ where: { marketId, predicted: false }, select: { id: true, fundingTime: true } })).map((r) => [r.fundingTime.getTime(), r.id]));
      const rows = fundingEstimates(world, v, a, [...runAt.keys()]).flatMap((e) => {
        const id = settled.get(e.fundingTime);
        return id === undefined ? [] : [{ id, rate: e.rate, runId: runAt.get(e.observedAt)! }];
      });
      for (let i = 0; i < rows.length; i += PREDICTION_CHUNK) {
        const chunk = rows.slice(i, i + PREDICTION_CHUNK);
        let n = 0;
        const p = () => placeholder(dialect, n++);
        const rateCase = chunk.map(() => `WHEN ${p()} THEN CAST(${p()} AS DOUBLE PRECISION)`).join(" ");
        const runCase = chunk.map(() => `WHEN ${p()} THEN CAST(${p()} AS INTEGER)`).join(" ");
        const ids = chunk.map(() => p()).join(",");
        const values = [...chunk.flatMap((r) => [r.id, r.rate]), ...chunk.flatMap((r) => [r.id, r.runId]), ...chunk.map((r) => r.id)];
        written += await db.$executeRawUnsafe(`UPDATE "FundingRecord" SET "predictedRate" = CASE "id" ${rateCase} END, "predictedRunId" = CASE "id" ${runCase} END WHERE "id" IN (${ids})`, ...values);
      }
    }
  }
  const ms = Date.now() - t0;
  log(`simulate: predicted funding: ${written} settled records hold the estimate a collection run read before them (${ms} ms)`);
  return { written, ms };
}
