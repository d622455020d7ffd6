import { describe, expect, it } from "vitest";
import { allConnectors, connectorFor, UnknownVenueError } from "./registry";
import { context } from "./test-kit";
import { guardedParse } from "./parse-helpers";

describe("venue registry", () => {
  it("covers at least 10 venues, at least 4 decentralized, each with a has-map for every kind", () => {
    const all = allConnectors();
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.filter((c) => c.info.kind === "dex").length).toBeGreaterThanOrEqual(4);
    for (const c of all) expect(Object.keys(c.has).sort()).toEqual(["depth", "fees", "funding", "insurance", "liquidations", "margin", "markets", "oi"]);
  });

  it("names the unknown venue and the known ones", () => {
    expect(() => connectorFor("mtgox")).toThrow(UnknownVenueError);
    expect(() => connectorFor("mtgox")).toThrow(/mtgox: venue not supported \(known: binance-usdm, /);
  });

  it("turns anything a parser throws into a rejection of the body", async () => {
    const r = await guardedParse(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'filters')");
    }, context("binance-usdm", { symbol: "BTCUSDT" }));
    expect(r).toEqual({ rows: [], rejected: [{ venue: "binance-usdm", symbol: "BTCUSDT", field: "(record)", message: "Cannot read properties of undefined (reading 'filters')", index: null }] });
  });
});
