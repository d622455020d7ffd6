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
});
