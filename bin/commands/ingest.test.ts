// `venuescope ingest` argument checks for the history window, in process (no request is made: the
// arguments are refused before the venue is contacted or the database opened).
import { describe, expect, it } from "vitest";
import { ingestCommand } from "./ingest";
import { UsageError } from "../cli-args";

const run = (...argv: string[]) => ingestCommand(["--venue", "binance-usdm", "--kinds", "funding", ...argv], () => {});

describe("ingest --since/--until/--max-pages", () => {
  it("refuses a malformed window with a message naming the option", async () => {
    await expect(run("--until", "2024-02-01T00:00:00Z")).rejects.toThrow(new UsageError("--until: --until needs --since (a history window has two ends)"));
    await expect(run("--since", "2024-03-01", "--until", "2024-02-01")).rejects.toThrow(/--since: --since must not be after --until/);
    await expect(run("--since", "last tuesday")).rejects.toThrow(/--since: not an ISO-8601 time/);
    await expect(run("--since", "2024-01-01", "--max-pages", "0")).rejects.toThrow(/--max-pages/);
    await expect(run("--since", "2024-01-01", "--max-pages", "1001")).rejects.toThrow(/--max-pages/);
  });
});

describe("ingest --kinds term", () => {
  it("takes base assets, not venue symbols, and names an unknown kind with the list", async () => {
    const term = (...argv: string[]) => ingestCommand(["--venue", "bybit", ...argv], () => {});
    await expect(term("--kinds", "term", "--symbols", "BTC-29SEP23")).rejects.toThrow(new UsageError("--symbols: term quotes take --markets (base assets), not --symbols"));
    await expect(term("--kinds", "terms")).rejects.toThrow(/--kinds.0: Invalid option: expected one of .*"margin"\|"term"/);
  });
});
