// /futures/data/openInterestHist: parsing (the documented example answer) and the window walk backfill uses.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { binanceUsdm, OI_HIST_PAGE } from "./connector";
import { createVenueHttp } from "../http";

const body = JSON.parse(fs.readFileSync("tests/fixtures/binance-usdm/openInterestHist_docs_example.json", "utf8"));
const ctx = { venue: "binance-usdm", markets: new Map(), symbol: "BTCUSDT", receivedTs: Date.now(), levelLimit: null };

describe("Binance open-interest history", () => {
  it("parses a reading: base size and its USD value at the reading's time", async () => {
    const r = await binanceUsdm.parse("oi", body, ctx);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "BTCUSDT", ts: Date.parse("2021-03-22T18:45:00Z"), sizeBase: 34085, valueUsd: 1927265695.27131325 }]);
  });

  it("rejects a negative reading with the field named", async () => {
    const r = await binanceUsdm.parse("oi", [{ ...body[0], sumOpenInterest: "-1" }], ctx);
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ field: "sumOpenInterest" });
  });

  it("cuts a window into spans of one full page of 1-hour readings, historyOnly skips the live reading", async () => {
    const asked: Record<string, unknown>[] = [];
    const http = createVenueHttp(binanceUsdm, {
      responder: ({ url }) => {
        asked.push(Object.fromEntries(new URL(url).searchParams));
        return [];
      },
    });
    const since = Date.parse("2026-11-01T00:00:00Z");
    const until = since + 2 * OI_HIST_PAGE * 3_600_000 + 5; // two full spans and 5 ms more
    await binanceUsdm.fetch("oi", http, { symbols: ["BTCUSDT"], since, until, historyOnly: true });
    expect(asked.map((q) => [q.startTime, q.endTime, q.period, q.limit])).toEqual([
      [String(since), String(since + 500 * 3_600_000 - 1), "1h", "500"],
      [String(since + 500 * 3_600_000), String(since + 1000 * 3_600_000 - 1), "1h", "500"],
      [String(since + 1000 * 3_600_000), String(until), "1h", "500"],
    ]);
  });
});
