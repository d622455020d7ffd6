// Random and hostile query strings and bodies against the running server: every answer is a 2xx, 4xx with
// a JSON error, never a 500 or a stack trace.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.double().map(String), fc.constantFrom("", "-1", "1e309", "NaN", "{}", "[1,2]", "../../etc/passwd", "<script>", "' OR 1=1 --", "BTC", "30d", "all", "2024-01-01T00:00:00Z"));
const query = fc.dictionary(fc.constantFrom("venue", "symbol", "notional", "window", "from", "to", "asset", "weights", "simulated", "stress", "format", "market", "page"), value, { maxKeys: 6 });

async function check(path: string, q: Record<string, string>) {
  const res = await fetch(`${baseUrl}${path}?${new URLSearchParams(q)}`);
  const text = await res.text();
  expect(res.status, `${path} ${JSON.stringify(q)}`).toBeLessThan(500);
  expect(text).not.toMatch(/at .*\.(js|ts):\d+|node_modules/);
  if (res.status >= 400) expect(JSON.parse(text).error, text).toBeTruthy();
}

describe("route handlers under hostile input", () => {
  for (const path of ["/api/scorecard", "/api/metrics", "/api/series", "/api/data-status", "/api/reports/scorecard-export", "/api/facts"]) {
    it(`${path} answers every random query with a clear status`, async () => {
      await fc.assert(fc.asyncProperty(query, (q) => check(path, q)), { numRuns: 25 });
    });
  }

  it("POST bodies of any shape get 4xx with field errors, never 500", async () => {
    const body = fc.oneof(fc.anything(), fc.record({ venue: value, editedBy: value, fact: fc.dictionary(fc.string({ maxLength: 10 }), value) }), fc.record({ name: value, weights: fc.dictionary(fc.string({ maxLength: 12 }), fc.double()) }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/facts", "/api/weight-profiles", "/api/reports"), body, async (path, b) => {
        const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) ?? "null" });
        expect(res.status, `${path} ${JSON.stringify(b)}`).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it("stress routes answer hostile portfolios, scenarios and files with 4xx, never 500", async () => {
    const position = fc.record({ venue: fc.oneof(value, fc.constantFrom("sim-cex-alpha", "binance-usdm")), market: fc.oneof(value, fc.constantFrom("BTC", "ETH")), side: fc.oneof(value, fc.constantFrom("long", "short")), size: fc.oneof(fc.double(), fc.integer()), notionalUsd: fc.double() }, { requiredKeys: [] });
    const scenario = fc.oneof(value, fc.anything(), fc.record({ name: value, horizonHours: fc.double(), stepMinutes: fc.double(), shocks: fc.array(fc.record({ asset: value, movePct: fc.double(), rampHours: fc.double() }), { maxLength: 3 }), replayWindow: value }, { requiredKeys: [] }));
    const body = fc.oneof(fc.anything(), fc.record({ portfolio: fc.oneof(fc.anything(), fc.record({ positions: fc.array(position, { maxLength: 3 }), collateral: fc.array(fc.record({ venue: value, asset: value, amount: fc.double() }), { maxLength: 2 }) })), scenario, save: fc.boolean(), format: value, table: value }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/stress", "/api/stress/export"), body, async (path, b) => {
        const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) ?? "null" });
        const text = await res.text();
        expect(res.status, `${path} ${JSON.stringify(b)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(text).not.toMatch(/at .*\.(js|ts):\d+|node_modules/);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("kind,venue\nposition,x", "{}", "[1]", "\uFEFFkind\n", "a,b\n\"unterminated")), async (text) => {
        const res = await fetch(`${baseUrl}/api/stress/portfolio`, { method: "POST", headers: { "content-type": "text/csv" }, body: text });
        expect(res.status, JSON.stringify(text)).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  });
});
