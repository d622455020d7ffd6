import { describe, expect, it } from "vitest";
import { cadenceLabel, CollectorConfigError, parseCollectorConfig } from "./config";

const known = (s: string) => ["binance-usdm", "hyperliquid"].includes(s);

describe("collector config", () => {
  it("turns venues × kinds into tasks with their cadences (a list takes each kind's default)", () => {
    const { config, tasks } = parseCollectorConfig(
      { venues: [{ venue: "binance-usdm", markets: ["BTC"], kinds: { depth: "30s", funding: "settlement", fees: "1d" } }, { venue: "hyperliquid", kinds: ["depth", "oi"] }] },
      known,
    );
    expect(config.jitter).toBe(0.1);
    expect(config.concurrency).toBe(2);
    expect(tasks.map((t) => [t.id, cadenceLabel(t.cadence)])).toEqual([
      ["binance-usdm:depth", "30s"],
      ["binance-usdm:funding", "each settlement"],
      ["binance-usdm:fees", "1d"],
      ["hyperliquid:depth", "1m"],
      ["hyperliquid:oi", "5m"],
    ]);
    expect(tasks[0].markets).toEqual(["BTC"]);
  });

  it.each([
    [{ venues: [{ venue: "binance-usdm", kinds: { depth: "10s" } }] }, /outside 30s\.\.7d/],
    [{ venues: [{ venue: "binance-usdm", kinds: { depth: "fast" } }] }, /not a cadence/],
    [{ venues: [{ venue: "binance-usdm", kinds: { depth: "settlement" } }] }, /funding only/],
    [{ venues: [{ venue: "binance-usdm", kinds: { books: "1m" } }] }, /kinds/],
    [{ venues: [{ venue: "nowhere", kinds: ["depth"] }] }, /unknown venue "nowhere"/],
    [{ venues: [{ venue: "binance-usdm", kinds: ["depth"] }, { venue: "binance-usdm", kinds: { depth: "5m" } }] }, /listed twice/],
    [{ venues: [] }, /venues/],
    [{ venues: [{ venue: "binance-usdm", kinds: {} }] }, /at least one kind/],
    [{ venues: [{ venue: "binance-usdm", kinds: ["depth"] }], jitter: 2 }, /jitter/],
    [{ venues: [{ venue: "binance-usdm", kinds: ["depth"], cadence: "1m" }] }, /cadence/],
  ])("rejects %j with a message naming the field", (doc, msg) => {
    expect(() => parseCollectorConfig(doc, known)).toThrow(CollectorConfigError);
    expect(() => parseCollectorConfig(doc, known)).toThrow(msg);
  });
});
