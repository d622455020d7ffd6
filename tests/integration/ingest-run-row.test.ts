// The ingest run's row on a real database (SQLite, or PostgreSQL under `npm run test:pg`): committed, running,
// before any of its rows (the figure cache versions values by the run ids it has seen), its outcome written by
// the last batch's transaction, or after the batches when none wrote it (nothing to write, or a batch failed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { binanceUsdm } from "../../lib/venues/binance-usdm/connector";
import type { DataKind, FeeRow, MarketRow, RowsByKind } from "../../lib/venues/types";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

const T0 = Date.UTC(2024, 0, 1);
const runs = () => t.db.ingestRun.findMany({ where: { venueSlug: binanceUsdm.info.slug, source: "run-row-test" }, orderBy: { id: "asc" } });
const market = (symbol: string): MarketRow => ({ symbol, base: symbol.replace("USDT", ""), quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 125, fundingIntervalHours: null, fundingCapRate: null, fundingFloorRate: null, active: true });
const fee = (takerRate: number, effectiveFrom: number): FeeRow => ({ scope: "perp", tier: "RUNROW", makerRate: 0.0002, takerRate, effectiveFrom, source: "test" });

/** Bodies of ready rows; `onParse(i)` runs as body i is parsed, before its rows are written. */
function ingest<K extends DataKind>(kind: K, bodies: RowsByKind[K][][], onParse: (i: number) => Promise<void> = async () => {}) {
  let i = 0;
  return ingestBodies(
    t.db,
    binanceUsdm,
    kind,
    bodies.map((rows) => ({ body: rows, symbol: null, receivedTs: T0, levelLimit: null })),
    {
      provenance: "recorded",
      mode: "import",
      source: "run-row-test",
      parser: async (body) => {
        await onParse(i++);
        return { rows: body as RowsByKind[DataKind][], rejected: [] };
      },
    },
  );
}

describe("the ingest run's row", () => {
  it("is running before its first rows and between batches, and ends with the last batch's outcome", async () => {
    const seen: { runs: number; status: string | null; markets: number }[] = [];
    // markets flush one body a batch: body 1 is parsed after body 0's batch committed
    const r = await ingest("markets", [[market("RUNAUSDT")], [market("RUNBUSDT")]], async () => {
      const list = await runs();
      seen.push({ runs: list.length, status: list.at(-1)?.status ?? null, markets: await t.db.market.count({ where: { symbol: { in: ["RUNAUSDT", "RUNBUSDT"] } } }) });
    });
    // before the first batch: the run, running, and no rows; between the batches: running, with body 0's market
    expect(seen).toEqual([
      { runs: 1, status: "running", markets: 0 },
      { runs: 1, status: "running", markets: 1 },
    ]);
    const [run] = await runs();
    expect(r).toMatchObject({ runId: run.id, status: "ok", rowsWritten: 2 });
    expect(run).toMatchObject({ status: "ok", rowsWritten: 2, rowsRejected: 0, mode: "import", kind: "markets" });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
    expect(JSON.parse(run.touched!)).toEqual([{ marketId: null, kind: "markets", from: null, to: null }]);
  });

  it("ends a single-batch call with its outcome and the batch's touched ranges", async () => {
    await t.db.ingestRun.deleteMany({ where: { source: "run-row-test" } });
    const r = await ingest("fees", [[fee(0.0005, T0), fee(0.0004, T0 + 3_600_000)]]);
    const [run] = await runs();
    expect(r).toMatchObject({ runId: run.id, status: "ok", rowsWritten: 2 });
    expect(run).toMatchObject({ status: "ok", rowsWritten: 2, rowsSkipped: 0, durationMs: r.durationMs, error: null });
    expect(JSON.parse(run.touched!)).toHaveLength(1);
  });

  it("gets its outcome after the batches when none wrote it: every row rejected, or the only batch refused", async () => {
    await t.db.ingestRun.deleteMany({ where: { source: "run-row-test" } });
    // a fee row failing the row checks (a taker rate of 500 %): nothing to write
    const rejected = await ingest("fees", [[fee(5, T0)]]);
    expect(rejected.status).toBe("failed");
    // a batch the database refuses (a trigger made to fail on this tier): rolled back whole, run row included
    const failing = { ...fee(0.0005, T0), tier: "RUNROW-FAIL" };
    if (t.provider === "sqlite") {
      await t.db.$executeRawUnsafe(`CREATE TRIGGER "runrow_fail" BEFORE INSERT ON "FeeSchedule" WHEN NEW."tier" = 'RUNROW-FAIL' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`);
    } else {
      await t.db.$executeRawUnsafe(`CREATE FUNCTION "runrow_fail"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."tier" = 'RUNROW-FAIL' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END; $$`);
      await t.db.$executeRawUnsafe(`CREATE TRIGGER "runrow_fail" BEFORE INSERT ON "FeeSchedule" FOR EACH ROW EXECUTE FUNCTION "runrow_fail"()`);
    }
    const failed = await ingest("fees", [[failing]]);
    expect(failed.status).toBe("failed");
    // (the driver's message: Prisma reports SQLite's trigger abort as a constraint violation)
    expect(failed.error).toBeTruthy();
    const list = await runs();
    expect(list.map((x) => x.id)).toEqual([rejected.runId, failed.runId]);
    expect(list[0]).toMatchObject({ status: "failed", rowsWritten: 0, touched: "[]" });
    expect(list[0].rowsRejected).toBe(1);
    expect(list[1]).toMatchObject({ status: "failed", rowsWritten: 0, touched: "[]" });
    expect(list[1].error).toBe(failed.error);
    expect(await t.db.feeSchedule.count({ where: { tier: "RUNROW-FAIL" } })).toBe(0);
  });
});
