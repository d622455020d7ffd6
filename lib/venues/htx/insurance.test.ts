import { describe, expect, it } from "vitest";
import { htx } from "./connector";
import { INSURANCE_PAGE } from "./insurance";
import { context, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const LINEAR = "htx/linear_swap_insurance_fund_BTC-USDT_2020-09-25.json";
const FUTURES_DOCS = "htx/linear_swap_insurance_fund_BTC-USDT-FUTURES_docs_example.json";
const DAY = 86_400_000;

type Page = { status: string; data: { total_page: number; current_page: number; total_size: number; contract_code: string; tick: { insurance_fund: number; ts: number }[] }; ts: number };

describe("htx insurance-fund history on the recorded body", () => {
  it("reads the seven daily BTC-USDT readings of 2020-09-17..23 (08:00Z), 0 to 42,316.93 USDT", async () => {
    const r = await parseFixture(htx, "insurance", LINEAR);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(7);
    expect(new Set(r.rows.map((x) => x.asset))).toEqual(new Set(["USDT:BTC-USDT"]));
    expect(r.rows[0]).toEqual({ ts: Date.UTC(2020, 8, 23, 8), asset: "USDT:BTC-USDT", balanceUsd: 41963.382117457142308280 });
    expect(new Date(r.rows[6].ts).toISOString()).toBe("2020-09-17T08:00:00.000Z");
    // The first reading is Java's "0E-18" on the wire: a JSON number, zero.
    expect(r.rows[6].balanceUsd).toBe(0);
    expect(Math.max(...r.rows.map((x) => x.balanceUsd))).toBeCloseTo(42316.93, 2);
    expect(r.rows.slice(1).map((x, i) => r.rows[i].ts - x.ts)).toEqual(Array(6).fill(DAY));
  });

  it("skips a dated futures pool (the docs example, BTC-USDT-FUTURES) and refuses a coin pool, a negative or broken reading and an error body", async () => {
    expect(await parseFixture(htx, "insurance", FUTURES_DOCS)).toEqual({ rows: [], rejected: [] });
    const coin = structuredClone(readFixture(LINEAR) as Page);
    coin.data.contract_code = "BTC-USD";
    expect((await htx.parse("insurance", coin, context("htx"))).rejected).toEqual([expect.objectContaining({ venue: "htx", symbol: "BTC-USD", field: "data.contract_code" })]);
    const bad = structuredClone(readFixture(LINEAR) as Page) as unknown as { data: { tick: Record<string, unknown>[] } };
    bad.data.tick[1].insurance_fund = -5;
    bad.data.tick[2].ts = "soon";
    const r = await htx.parse("insurance", bad, context("htx"));
    expect(r.rows).toHaveLength(5);
    expect(r.rejected).toEqual([
      expect.objectContaining({ symbol: "BTC-USDT", field: "insurance_fund", index: 1 }),
      expect.objectContaining({ symbol: "BTC-USDT", field: "ts", index: 2 }),
    ]);
    const err = await htx.parse("insurance", { status: "error", err_code: 1014, err_msg: "This contract doesnt exist.", ts: 1 }, context("htx"));
    expect(err.rejected[0]).toMatchObject({ field: "status", message: expect.stringContaining("1014") });
    expect((await htx.parse("insurance", { status: "ok", data: [] }, context("htx"))).rejected).toHaveLength(1);
  });
});

describe("htx insurance-fund requests (native: ccxt's path for the endpoint is malformed)", () => {
  it("asks page 1 of each USDT-margined swap's pool and none for coin-margined swaps", async () => {
    const urls: string[] = [];
    const http = offlineHttp(htx, ({ url }) => (urls.push(url), readFixture(LINEAR)));
    await htx.fetch("insurance", http, { symbols: ["BTC-USDT", "BTC-USD", "ETH-USDT"] });
    expect(urls.map((u) => [new URL(u).origin + new URL(u).pathname, queryOf(u)])).toEqual(
      ["BTC-USDT", "ETH-USDT"].map((c) => ["https://api.hbdm.com/linear-swap-api/v1/swap_insurance_fund", { contract_code: c, page_index: "1", page_size: String(INSURANCE_PAGE) }]),
    );
    expect(http.captures.map((c) => [c.kind, c.symbol])).toEqual([["insurance", "BTC-USDT"], ["insurance", "ETH-USDT"]]);
  });

  it("pages back by page_index until a reading at or before `since`", async () => {
    // 250 daily readings ending on the recorded last one, served newest first like the venue (values from the recorded page, repeated).
    const rec = readFixture(LINEAR) as Page;
    const newest = rec.data.tick[0].ts;
    const all = Array.from({ length: 250 }, (_, i) => ({ insurance_fund: rec.data.tick[i % 7].insurance_fund, ts: newest - i * DAY }));
    const asked: string[] = [];
    const http = offlineHttp(htx, ({ url }) => {
      const q = queryOf(url);
      asked.push(q.page_index);
      const i = Number(q.page_index);
      const size = Number(q.page_size);
      return { ...rec, data: { ...rec.data, total_page: Math.ceil(all.length / size), current_page: i, total_size: all.length, tick: all.slice((i - 1) * size, i * size) } };
    });
    await htx.fetch("insurance", http, { symbols: ["BTC-USDT"], since: newest - 150 * DAY, until: newest });
    expect(asked).toEqual(["1", "2"]);
    expect(http.warnings).toEqual([]);
    const rows = (await Promise.all(http.captures.map((c) => htx.parse("insurance", c.body, context("htx"))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(200);
    expect(Math.min(...rows.map((r) => r.ts))).toBeLessThanOrEqual(newest - 150 * DAY);
  });
});

describe.skipIf(process.env.LIVE !== "1")("htx insurance-fund live", () => {
  it("reads the BTC-USDT pool's latest page: daily USDT readings", async () => {
    const http = createVenueHttp(htx);
    await htx.fetch("insurance", http, { symbols: ["BTC-USDT"] });
    const r = await htx.parse("insurance", http.captures[0].body, context("htx"));
    expect(r.rejected).toEqual([]);
    expect(r.rows.length).toBeGreaterThan(10);
    expect(Math.max(...r.rows.map((x) => x.ts))).toBeGreaterThan(Date.now() - 3 * DAY);
  }, 60_000);
});
