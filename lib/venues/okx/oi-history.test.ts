// OKX open-interest history (rubik/stat/contracts/open-interest-history): the recorded BTC-USDT-SWAP body, the
// walk back to `since` the backfill uses, the page-cap warning, and a LIVE=1 walk.
import { describe, expect, it } from "vitest";
import { okx } from "./connector";
import { fetchOkxOiHistory, OI_HISTORY_PAGE, okxOiHistoryPeriod, parseOkxOiHistory } from "./oi-history";
import { context, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { DAY_MS, HOUR_MS } from "../../metrics/time";
import type { MarketRow } from "../types";

const BODY = "okx/rubik_open-interest-history_BTC-USDT-SWAP_1D_limit5_2026-04-27.json";
const INSTRUMENTS = "okx/public_instruments_SWAP_2022.json";
type Body = { code: string; data: string[][]; msg: string };

async function swapMarkets(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(okx, "markets", INSTRUMENTS);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

/**
 * A venue answering like OKX from `n` hourly readings ending at `newest`: newest first, `end`/`begin`
 * exclusive, at most `limit` a page. Values are made up; the row shape is the recorded one.
 */
function hourlySeries(newest: number, n: number) {
  const all = Array.from({ length: n }, (_, i) => [String(newest - i * HOUR_MS), String(3_000_000 + i), String(30_000 + i / 100), String(2.4e9 + i)]);
  const asked: Record<string, string>[] = [];
  const respond = ({ url }: { url: string }) => {
    const q = queryOf(url);
    asked.push({ path: new URL(url).pathname, ...q });
    const end = q.end ? Number(q.end) : Infinity;
    const begin = q.begin ? Number(q.begin) : -Infinity;
    const data = all.filter((r) => Number(r[0]) < end && Number(r[0]) > begin).slice(0, Number(q.limit ?? 100));
    return { code: "0", data, msg: "" };
  };
  return { all, asked, respond };
}

describe("okx open-interest history on the recorded body", () => {
  it("reads the five recorded daily BTC-USDT-SWAP readings: coin size from oiCcy, value from oiUsd, stamped 16:00 UTC", async () => {
    const r = await parseFixture(okx, "oi", BODY, { symbol: "BTC-USDT-SWAP" });
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(5);
    // ["1777219200000","3309020.40000001968","33090.2040000001968","2580910169.22481534965216"]
    expect(r.rows[0]).toEqual({ symbol: "BTC-USDT-SWAP", ts: Date.parse("2026-04-26T16:00:00Z"), sizeBase: 33090.2040000001968, valueUsd: 2580910169.22481534965216 });
    expect(r.rows[4]).toEqual({ symbol: "BTC-USDT-SWAP", ts: Date.parse("2026-04-22T16:00:00Z"), sizeBase: 37577.1426000003348, valueUsd: 2977939700.76464653246476 });
    // Newest first, a day apart, each at midnight UTC+8.
    expect(r.rows.slice(1).map((x, i) => r.rows[i].ts - x.ts)).toEqual([DAY_MS, DAY_MS, DAY_MS, DAY_MS]);
    expect(new Set(r.rows.map((x) => new Date(x.ts).toISOString().slice(11)))).toEqual(new Set(["16:00:00.000Z"]));
    // Units: 3,309,020.4 contracts × 0.01 BTC (BTC-USDT-SWAP ctVal) = 33,090.204 BTC = oiCcy; 2,580,910,169.22 USD /
    // 33,090.204 BTC = 77,996.20 USD a BTC, a BTC price, so oiUsd is the USD value of the coin size.
    const contracts = Number((readFixture(BODY) as Body).data[0][1]);
    expect((await swapMarkets()).get("BTC-USDT-SWAP")?.contractSize).toBe(0.01);
    expect(contracts * 0.01).toBeCloseTo(r.rows[0].sizeBase!, 9);
    expect(r.rows[0].valueUsd! / r.rows[0].sizeBase!).toBeCloseTo(77_996.2, 1);
  });

  it("refuses a body without its instrument (the rows do not name it), a negative or undated row by field", async () => {
    const noSymbol = await parseFixture(okx, "oi", BODY);
    expect(noSymbol.rows).toEqual([]);
    expect(noSymbol.rejected).toEqual([expect.objectContaining({ venue: "okx", field: "symbol" })]);
    const b = readFixture(BODY) as Body;
    b.data[1][1] = "-1";
    b.data[3][0] = "";
    b.data[4][3] = "abc";
    const r = await okx.parse("oi", b, context("okx", { symbol: "BTC-USDT-SWAP" }));
    expect(r.rows.map((x) => x.ts)).toEqual([Date.parse("2026-04-26T16:00:00Z"), Date.parse("2026-04-24T16:00:00Z")]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ symbol: "BTC-USDT-SWAP", field: "oi", index: 1 }),
      expect.objectContaining({ symbol: "BTC-USDT-SWAP", field: "ts", index: 3 }),
      expect.objectContaining({ symbol: "BTC-USDT-SWAP", field: "oiUsd", index: 4 }),
    ]);
    const err = await okx.parse("oi", { code: "51001", msg: "Instrument ID does not exist", data: [] }, context("okx", { symbol: "BTC-USDT-SWAP" }));
    expect(err.rejected[0]).toMatchObject({ field: "code", message: expect.stringContaining("51001") });
  });

  it("inverse swaps: sizeBase is oiCcy (coin), never contracts × 100 USD; without oiCcy only a linear row converts", async () => {
    // The recorded rows under the inverse BTC-USD-SWAP (no recorded inverse body was found; the shape is the same).
    const rows = (readFixture(BODY) as Body).data;
    const inverse = parseOkxOiHistory(rows, context("okx", { symbol: "BTC-USD-SWAP", markets: await swapMarkets() }));
    expect(inverse.rejected).toEqual([]);
    expect(inverse.rows[0]).toMatchObject({ symbol: "BTC-USD-SWAP", sizeBase: 33090.2040000001968, valueUsd: 2580910169.22481534965216 });
    const bare = rows.map((r) => r.slice(0, 2));
    const inv = parseOkxOiHistory(bare, context("okx", { symbol: "BTC-USD-SWAP", markets: await swapMarkets() }));
    expect(inv.rows).toEqual([]);
    expect(inv.rejected[0]).toMatchObject({ field: "oiCcy", message: expect.stringContaining("inverse") });
    const lin = parseOkxOiHistory(bare, context("okx", { symbol: "BTC-USDT-SWAP", markets: await swapMarkets() }));
    expect(lin.rejected).toEqual([]);
    expect(lin.rows[0].sizeBase).toBeCloseTo(33090.204, 6);
    expect(lin.rows[0].valueUsd).toBeNull();
  });
});

describe("okx open-interest history requests", () => {
  const now = Date.parse("2026-12-06T04:20:00Z");
  const lastHour = Date.parse("2026-12-06T04:00:00Z"); // the hour in progress

  it("chooses hourly readings within the latest 59 days, daily ones before", () => {
    expect(okxOiHistoryPeriod(now - 10 * DAY_MS, now)).toEqual({ period: "1H", ms: HOUR_MS });
    expect(okxOiHistoryPeriod(now - 59 * DAY_MS, now).period).toBe("1H");
    expect(okxOiHistoryPeriod(now - 59 * DAY_MS - 1, now).period).toBe("1D");
    expect(okxOiHistoryPeriod(Date.parse("2024-06-01T00:00:00Z"), now).period).toBe("1D");
  });

  it("walks ten days back in pages of 100 hourly readings with exclusive end/begin, leaving out the hour in progress", async () => {
    const s = hourlySeries(lastHour, 1440);
    const http = offlineHttp(okx, s.respond);
    const since = lastHour - 10 * DAY_MS;
    await fetchOkxOiHistory(http, "BTC-USDT-SWAP", { symbols: ["BTC-USDT-SWAP"], since }, now);
    expect(http.warnings).toEqual([]);
    // until = now − 1 h = 03:20, so end = 03:20 + 1 ms: the 04:00 reading is not asked for. 240 readings in
    // [since, 03:00]: pages of 100, 100, 40.
    expect(s.asked.map((q) => q.end)).toEqual([now - HOUR_MS + 1, lastHour - 100 * HOUR_MS, lastHour - 200 * HOUR_MS].map(String));
    expect(new Set(s.asked.map((q) => `${q.path} ${q.instId} ${q.period} ${q.limit} ${q.begin}`))).toEqual(
      new Set([`/api/v5/rubik/stat/contracts/open-interest-history BTC-USDT-SWAP 1H ${OI_HISTORY_PAGE} ${since - 1}`]),
    );
    const rows = (await Promise.all(http.captures.map((c) => okx.parse("oi", c.body, context("okx", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(http.captures.map((c) => [c.kind, c.symbol])).toEqual(Array(3).fill(["oi", "BTC-USDT-SWAP"]));
    expect(rows).toHaveLength(240);
    expect(new Set(rows.map((r) => r.ts)).size).toBe(240); // pages do not overlap
    expect(Math.min(...rows.map((r) => r.ts))).toBe(since);
    expect(Math.max(...rows.map((r) => r.ts))).toBe(lastHour - HOUR_MS);
  });

  it("reports a walk its page cap stopped short of `since`, and asks nothing for a window inside the hour in progress", async () => {
    const s = hourlySeries(lastHour, 1440);
    const http = offlineHttp(okx, s.respond);
    await fetchOkxOiHistory(http, "BTC-USDT-SWAP", { symbols: ["BTC-USDT-SWAP"], since: lastHour - 30 * DAY_MS, maxPages: 2 }, now);
    expect(s.asked).toHaveLength(2);
    expect(http.warnings).toEqual([expect.objectContaining({ venue: "okx", symbol: "BTC-USDT-SWAP", field: "since", message: expect.stringContaining("open-interest history (1H)") })]);
    const quiet = hourlySeries(lastHour, 10);
    await fetchOkxOiHistory(offlineHttp(okx, quiet.respond), "BTC-USDT-SWAP", { symbols: ["BTC-USDT-SWAP"], since: lastHour }, now);
    expect(quiet.asked).toEqual([]);
  });

  it("ends without a warning where OKX keeps no more (a short page)", async () => {
    const s = hourlySeries(lastHour, 150);
    const http = offlineHttp(okx, s.respond);
    await fetchOkxOiHistory(http, "BTC-USDT-SWAP", { symbols: ["BTC-USDT-SWAP"], since: lastHour - 20 * DAY_MS }, now);
    expect(s.asked).toHaveLength(2);
    expect(http.warnings).toEqual([]);
  });

  it("connector: a window walks the history (then the live reading unless historyOnly); no window, the live reading only", async () => {
    const s = hourlySeries(Date.now() - HOUR_MS, 300);
    const paths: string[] = [];
    const respond = ({ url }: { url: string }) => {
      paths.push(new URL(url).pathname);
      return url.includes("/rubik/") ? s.respond({ url }) : { code: "0", msg: "", data: [] };
    };
    const since = Date.now() - 2 * DAY_MS;
    await okx.fetch("oi", offlineHttp(okx, respond), { symbols: ["BTC-USDT-SWAP"], since, historyOnly: true });
    expect(new Set(paths)).toEqual(new Set(["/api/v5/rubik/stat/contracts/open-interest-history"]));
    paths.length = 0;
    await okx.fetch("oi", offlineHttp(okx, respond), { symbols: ["BTC-USDT-SWAP"], since });
    expect(paths.at(-1)).toBe("/api/v5/public/open-interest");
    expect(paths.filter((p) => p.includes("/rubik/")).length).toBeGreaterThan(0);
    paths.length = 0;
    await okx.fetch("oi", offlineHttp(okx, respond), { symbols: ["BTC-USDT-SWAP"] });
    expect(paths).toEqual(["/api/v5/public/open-interest"]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("okx open-interest history live", () => {
  it("walks three days of BTC-USDT-SWAP and BTC-USD-SWAP hourly readings: coin sizes and USD values", async () => {
    const http = createVenueHttp(okx);
    const since = Date.now() - 3 * DAY_MS;
    await okx.fetch("oi", http, { symbols: ["BTC-USDT-SWAP", "BTC-USD-SWAP"], since, historyOnly: true });
    expect(http.warnings).toEqual([]);
    for (const symbol of ["BTC-USDT-SWAP", "BTC-USD-SWAP"]) {
      const parsed = await Promise.all(http.captures.filter((c) => c.symbol === symbol).map((c) => okx.parse("oi", c.body, context("okx", { symbol }))));
      expect(parsed.flatMap((r) => r.rejected)).toEqual([]);
      const rows = parsed.flatMap((r) => r.rows);
      expect(rows.length).toBeGreaterThanOrEqual(70);
      expect(Math.min(...rows.map((r) => r.ts))).toBeLessThanOrEqual(since + HOUR_MS);
      // A BTC price between 1,000 and 10,000,000 USD: sizes are BTC, values USD.
      for (const r of rows) expect(r.valueUsd! / r.sizeBase!).toBeGreaterThan(1_000);
      for (const r of rows) expect(r.valueUsd! / r.sizeBase!).toBeLessThan(10_000_000);
    }
  }, 60_000);
});
