import { describe, expect, it } from "vitest";
import { okx } from "./connector";
import { INSURANCE_PAGE, okxInsuranceReadings } from "./insurance";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const BODY = "okx/insurance-fund_SWAP_BTC-USD_limit5_2026-04-27.json";
const MINUTE = 60_000;

type Detail = Record<string, string>;
type Body = { code: string; msg: string; data: { details: Detail[]; instFamily: string; instType: string; total: string }[] };

/**
 * The recorded BTC-USD body re-labelled as a USDT-margined family's pool (ccy "USDT", instFamily "BTC-USDT"),
 * every other field as recorded: no recorded USDT pool body was found, and the shape is the same.
 */
function asUsdtPool(body: Body, family = "BTC-USDT"): Body {
  const b = structuredClone(body);
  for (const g of b.data) {
    g.instFamily = family;
    for (const d of g.details) d.ccy = "USDT";
  }
  return b;
}

/**
 * A venue answering like OKX from a minute-by-minute series of `n` readings ending at `newest`, built on the
 * recorded detail: newest first, `after`/`before` exclusive, at most `limit` a page.
 */
function minuteSeries(newest: number, n: number) {
  const template = (readFixture(BODY) as Body).data[0].details[0];
  const all = Array.from({ length: n }, (_, i) => ({ ...template, ccy: "USDT", balance: String(1_000_000 + i), ts: String(newest - i * MINUTE) }));
  const asked: Record<string, string>[] = [];
  const respond = ({ url }: { url: string }) => {
    const q = queryOf(url);
    asked.push(q);
    const after = q.after ? Number(q.after) : Infinity;
    const before = q.before ? Number(q.before) : -Infinity;
    const details = all.filter((d) => Number(d.ts) < after && Number(d.ts) > before).slice(0, Number(q.limit ?? 100));
    return { code: "0", msg: "", data: [{ details, instFamily: q.instFamily, instType: "SWAP", total: "2580357003.5972" }] };
  };
  return { all, asked, respond };
}

describe("okx insurance-fund history on the recorded body", () => {
  it("reads the five recorded BTC-USD readings: 3,858.499 BTC each, a minute apart, 2026-04-27 10:12:10Z..10:16:10Z", () => {
    const { readings, rejected } = okxInsuranceReadings(readFixture(BODY), context("okx"));
    expect(rejected).toEqual([]);
    expect(readings).toHaveLength(5);
    expect(new Set(readings.map((r) => `${r.instFamily} ${r.ccy} ${r.balance} ${r.type}`))).toEqual(new Set(["BTC-USD BTC 3858.499 regular_update"]));
    expect(new Date(readings[0].ts).toISOString()).toBe("2026-04-27T10:16:10.000Z");
    expect(new Date(readings[4].ts).toISOString()).toBe("2026-04-27T10:12:10.000Z");
    expect(readings.slice(1).map((r, i) => readings[i].ts - r.ts)).toEqual([MINUTE, MINUTE, MINUTE, MINUTE]);
  });

  it("stores nothing of a coin-margined pool (BTC needs a price at each reading) and does not take `total` as the pool", async () => {
    const r = await parseFixture(okx, "insurance", BODY);
    expect(r).toEqual({ rows: [], rejected: [] });
    // total 2,580,357,003.5972 USD against 3,858.499 BTC would be ~$668,747 a BTC: the whole fund, not this pool.
    const b = readFixture(BODY) as Body;
    expect(Number(b.data[0].total) / Number(b.data[0].details[0].balance)).toBeCloseTo(668_746.5, 0);
  });

  it("stores every reading of a USDT pool as one row, asset <ccy>:<family>, USDT 1:1", async () => {
    const r = await okx.parse("insurance", asUsdtPool(readFixture(BODY) as Body), context("okx"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(5);
    expect(r.rows[0]).toEqual({ ts: Date.UTC(2026, 3, 27, 10, 16, 10), asset: "USDT:BTC-USDT", balanceUsd: 3858.499 });
    expect(r.rows.map((x) => x.ts)).toEqual([0, 1, 2, 3, 4].map((i) => Date.UTC(2026, 3, 27, 10, 16, 10) - i * MINUTE));
  });

  it("refuses a broken detail by field, a venue error and a body of another shape", async () => {
    const b = asUsdtPool(readFixture(BODY) as Body);
    b.data[0].details[1].balance = "-1";
    b.data[0].details[3].ts = "";
    const r = await okx.parse("insurance", b, context("okx"));
    expect(r.rows).toHaveLength(3);
    expect(r.rejected).toEqual([
      expect.objectContaining({ venue: "okx", symbol: "BTC-USDT", field: "balance", index: 1 }),
      expect.objectContaining({ venue: "okx", symbol: "BTC-USDT", field: "ts", index: 3 }),
    ]);
    const err = await okx.parse("insurance", { code: "51000", msg: "Parameter instFamily error", data: [] }, context("okx"));
    expect(err.rows).toEqual([]);
    expect(err.rejected[0]).toMatchObject({ field: "code", message: expect.stringContaining("51000") });
    expect((await okx.parse("insurance", [{ total: "1" }], context("okx"))).rejected).toHaveLength(1);
    expect((await okx.parse("insurance", { code: "0", data: [{ total: "1" }] }, context("okx"))).rejected[0]).toMatchObject({ field: "details" });
  });
});

describe("okx insurance-fund requests", () => {
  it("asks one latest page per instrument family without a window", async () => {
    const urls: string[] = [];
    const captures = await fetchOffline(okx, "insurance", { symbols: ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "BTC-USD-SWAP"] }, ({ url }) => (urls.push(url), readFixture(BODY)));
    expect(urls.map((u) => [new URL(u).pathname, queryOf(u)])).toEqual(
      ["BTC-USDT", "ETH-USDT", "BTC-USD"].map((f) => ["/api/v5/public/insurance-fund", { instType: "SWAP", instFamily: f, limit: String(INSURANCE_PAGE) }]),
    );
    expect(captures.map((c) => [c.kind, c.symbol])).toEqual([["insurance", null], ["insurance", null], ["insurance", null]]);
  });

  it("walks a six-hour window back in pages of 100 with exclusive after/before, down to `since`", async () => {
    const until = Date.UTC(2026, 3, 27, 12);
    const since = until - 6 * 60 * MINUTE;
    const s = minuteSeries(until, 1000);
    const http = offlineHttp(okx, s.respond);
    await okx.fetch("insurance", http, { symbols: ["BTC-USDT-SWAP"], since, until });
    expect(http.warnings).toEqual([]);
    // 361 readings in [since, until]: pages of 100, 100, 100, 61.
    expect(s.asked.map((q) => q.after)).toEqual([until + 1, until - 99 * MINUTE, until - 199 * MINUTE, until - 299 * MINUTE].map(String));
    expect(new Set(s.asked.map((q) => q.before))).toEqual(new Set([String(since - 1)]));
    const rows = (await Promise.all(http.captures.map((c) => okx.parse("insurance", c.body, context("okx"))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(361);
    expect(Math.min(...rows.map((r) => r.ts))).toBe(since);
    expect(Math.max(...rows.map((r) => r.ts))).toBe(until);
    expect(new Set(rows.map((r) => r.asset))).toEqual(new Set(["USDT:BTC-USDT"]));
  });

  it("reports a walk its page cap stopped short of `since`", async () => {
    const until = Date.UTC(2026, 3, 27, 12);
    const s = minuteSeries(until, 1000);
    const http = offlineHttp(okx, s.respond);
    await okx.fetch("insurance", http, { symbols: ["BTC-USDT-SWAP"], since: until - 24 * 60 * MINUTE, until, maxPages: 2 });
    expect(s.asked).toHaveLength(2);
    expect(http.warnings).toEqual([expect.objectContaining({ venue: "okx", symbol: "BTC-USDT", field: "since", message: expect.stringContaining("insurance-fund history") })]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("okx insurance-fund live", () => {
  it("walks two hours of the BTC-USDT pool: USDT readings, about one a minute", async () => {
    const http = createVenueHttp(okx);
    const until = Date.now();
    const since = until - 2 * 60 * MINUTE;
    await okx.fetch("insurance", http, { symbols: ["BTC-USDT-SWAP"], since, until });
    const parsed = await Promise.all(http.captures.map((c) => okx.parse("insurance", c.body, context("okx"))));
    expect(parsed.flatMap((r) => r.rejected)).toEqual([]);
    const rows = parsed.flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(60);
    expect(new Set(rows.map((r) => r.asset))).toEqual(new Set(["USDT:BTC-USDT"]));
    expect(Math.min(...rows.map((r) => r.balanceUsd))).toBeGreaterThan(1e6);
    expect(http.warnings).toEqual([]);
  }, 60_000);
});
