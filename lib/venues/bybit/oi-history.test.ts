// /v5/market/open-interest: parsing the documented example answers (linear in the base coin, inverse in USD,
// the single side preferred) and the cursor walk backfill uses.
import { describe, expect, it } from "vitest";
import { bybit, OI_HIST_PAGE } from "./connector";
import { context, offlineHttp, parseFixture, queryOf } from "../test-kit";

const LINEAR = "bybit/v3_open-interest_docs_example_linear_ETHUSDT.json";
const INVERSE = "bybit/v5_market_open-interest_docs_example_inverse_BTCUSD.json";

describe("Bybit open-interest history", () => {
  it("parses linear readings in the base coin, valued later by the writer (the body has no price)", async () => {
    const r = await parseFixture(bybit, "oi", LINEAR);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { symbol: "ETHUSDT", ts: Date.parse("2023-03-03T08:40:00Z"), sizeBase: 411496.22, valueUsd: null },
      { symbol: "ETHUSDT", ts: Date.parse("2023-03-03T08:35:00Z"), sizeBase: 411484.61, valueUsd: null },
    ]);
  });

  it("parses inverse readings as USD (1 USD a contract): the value is exact, the base size left to a stored price", async () => {
    const r = await parseFixture(bybit, "oi", INVERSE);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { symbol: "BTCUSD", ts: Date.parse("2022-11-27T17:50:00Z"), sizeBase: null, valueUsd: 461_134_384 },
      { symbol: "BTCUSD", ts: Date.parse("2022-11-27T17:45:00Z"), sizeBase: null, valueUsd: 461_134_292 },
    ]);
  });

  it("stores the single side when the body gives it (2026 bodies: openInterest is both sides)", async () => {
    // The first reading of the 2026 docs example (inverse BTCUSD, 1d): openInterest 63910691, single side 31955346.
    const body = { retCode: 0, retMsg: "OK", result: { symbol: "BTCUSD", category: "inverse", list: [{ openInterest: "63910691.00000000", singleOpenInterest: "31955346", timestamp: "1780963200000" }], nextPageCursor: "" } };
    const r = await bybit.parse("oi", body, context("bybit"));
    expect(r.rows).toEqual([{ symbol: "BTCUSD", ts: 1780963200000, sizeBase: null, valueUsd: 31_955_346 }]);
  });

  it("rejects a negative reading with the field named, keeps the rest", async () => {
    const body = { retCode: 0, result: { symbol: "ETHUSDT", category: "linear", list: [{ openInterest: "-1", timestamp: "1677832800000" }, { openInterest: "411484.61", timestamp: "1677832500000" }] } };
    const r = await bybit.parse("oi", body, context("bybit"));
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([expect.objectContaining({ symbol: "ETHUSDT", field: "openInterest", index: 0 })]);
  });

  it("walks the window by cursor, newest first, until the cursor ends; historyOnly skips the live ticker", async () => {
    const asked: Record<string, string>[] = [];
    const since = Date.parse("2026-11-01T00:00:00Z");
    const until = Date.parse("2026-11-20T00:00:00Z");
    const hour = 3_600_000;
    // page 1: 200 hourly readings back from `until`, then a short page 2 that ends the chain
    const page = (newest: number, n: number, next: string) => ({
      retCode: 0,
      result: { symbol: "BTCUSDT", category: "linear", list: Array.from({ length: n }, (_, i) => ({ openInterest: "1", timestamp: String(newest - i * hour) })), nextPageCursor: next },
    });
    const http = offlineHttp(bybit, ({ url }) => {
      const q = queryOf(url);
      asked.push(q);
      return q.cursor ? page(until - 200 * hour, 56, "") : page(until, OI_HIST_PAGE, "lastid%3D1");
    });
    await bybit.fetch("oi", http, { symbols: ["BTCUSDT"], since, until, historyOnly: true });
    expect(asked.map((q) => [q.category, q.symbol, q.intervalTime, q.startTime, q.endTime, q.limit, q.cursor])).toEqual([
      ["linear", "BTCUSDT", "1h", String(since), String(until), "200", undefined],
      // the token goes back as the venue sent it (already URL-encoded), so the server reads lastid=1
      ["linear", "BTCUSDT", "1h", String(since), String(until), "200", "lastid=1"],
    ]);
    expect(http.warnings).toEqual([]);
    expect(http.captures.every((c) => c.kind === "oi" && c.symbol === "BTCUSDT")).toBe(true);
  });

  it("without historyOnly also takes the live ticker reading; without a window only the ticker", async () => {
    const paths: string[] = [];
    const http = offlineHttp(bybit, ({ url }) => {
      paths.push(new URL(url).pathname);
      return url.includes("open-interest") ? { retCode: 0, result: { symbol: "BTCUSD", category: "inverse", list: [], nextPageCursor: "" } } : { retCode: 0, result: { category: "inverse", list: [] } };
    });
    await bybit.fetch("oi", http, { symbols: ["BTCUSD"], since: Date.parse("2026-11-01T00:00:00Z"), until: Date.parse("2026-11-02T00:00:00Z") });
    await bybit.fetch("oi", http, { symbols: ["BTCUSD"] });
    expect(paths).toEqual(["/v5/market/open-interest", "/v5/market/tickers", "/v5/market/tickers"]);
  });
});
