// Fault class 5 of issue #19 against the running production server, Next's own URL handling included:
// malformed %-escapes in a dynamic path or a cookie, ISO years outside 0000–9999, denormal and extreme numbers
// in query parameters. Every answer is below 500 and carries the security headers; API errors are JSON.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

function expectHeaders(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
  expect(res.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("same-origin");
  expect(res.headers.get("content-security-policy"), `${what}: CSP`).toMatch(/frame-ancestors 'none'/);
}

async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(`${baseUrl}${path}`, { redirect: "manual", ...init });
  const text = await res.text();
  return { res, text };
}

const BAD_ESCAPES = ["%E0%A4%A", "%", "%%", "%zz", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "abc%", "%E0%A4"];
const DYNAMIC = ["/venues/", "/reports/", "/api/venues/", "/api/reports/", "/api/stress/", "/does-not-exist/"];

describe("malformed %-escapes in a path", () => {
  it("the issue's example /venues/%E0%A4%A gets a 4xx with the security headers", async () => {
    for (const p of ["/venues/%E0%A4%A", "/api/venues/%E0%A4%A", "/api/venues/%E0%A4%A/market?symbol=BTCUSDT", "/api/reports/%E0%A4%A/download?format=csv"]) {
      const { res, text } = await get(p);
      expect(res.status, `${p} → ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      expectHeaders(res, p);
    }
  });

  it("every dynamic route answers any malformed escape with a 4xx and the headers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DYNAMIC), fc.constantFrom(...BAD_ESCAPES), fc.stringMatching(/^[a-z0-9-]{0,8}$/), async (prefix, bad, tail) => {
        const p = `${prefix}${tail}${bad}`;
        const { res, text } = await get(p);
        expect(res.status, `${p} → ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, p).toBeLessThan(500);
        expect(text).not.toMatch(/at .*\.(js|ts):\d+|node_modules/);
        expectHeaders(res, p);
      }),
      { numRuns: 40 },
    );
  });
});

describe("malformed cookies", () => {
  it("pages and mutating routes treat a malformed cookie as none: never a 500", async () => {
    for (const bad of BAD_ESCAPES) {
      const cookie = `venuescope_admin=${bad}; other=${bad}`;
      const page = await get("/", { headers: { cookie } });
      expect(page.res.status, `/ with ${bad}`).toBe(200);
      expectHeaders(page.res, `/ with cookie ${bad}`);
      const post = await fetch(`${baseUrl}/api/weight-profiles`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "x", weights: { depth: 1 } }) });
      expect(post.status, `POST with cookie ${bad}`).toBeLessThan(500);
    }
  });
});

describe("extreme values in query parameters", () => {
  const numbers = fc.constantFrom("5e-324", "4.9e-324", "2.2250738585072014e-308", "1e308", "1.7976931348623157e308", "1e309", "-1e308", "-0", "0x1p3", "1e-7", "Infinity", "NaN", "2147483648", "9007199254740993");
  const isoYears = fc.oneof(
    fc.integer({ min: 10_000, max: 275_760 }).map((y) => `+${String(y).padStart(6, "0")}-01-01T00:00:00Z`),
    fc.integer({ min: 1, max: 271_821 }).map((y) => `-${String(y).padStart(6, "0")}-01-01`),
    fc.constantFrom("0000-01-01", "9999-12-31T23:59:59Z", "2024-02-30", "10000-01-01"),
  );

  it("scorecard, metrics, series, market and data-status answer below 500 with JSON errors and the headers", async () => {
    const routes = ["/api/scorecard", "/api/metrics?venue=binance-usdm&symbol=BTCUSDT", "/api/series?venue=binance-usdm&symbol=BTCUSDT", "/api/venues/binance-usdm/market?symbol=BTCUSDT", "/api/data-status", "/api/reports/scorecard-export"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom("notional", "page", "pageSize", "days", "from", "to"), fc.oneof(numbers, isoYears), async (route, key, value) => {
        const sep = route.includes("?") ? "&" : "?";
        const q = key === "from" ? `from=${encodeURIComponent(value)}&to=2030-01-01` : key === "to" ? `from=2000-01-01&to=${encodeURIComponent(value)}` : `${key}=${encodeURIComponent(value)}`;
        const p = `${route}${sep}${q}`;
        const { res, text } = await get(p);
        expect(res.status, `${p} → ${text.slice(0, 200)}`).toBeLessThan(500);
        expectHeaders(res, p);
        if (res.status >= 400) expect(JSON.parse(text).error, text).toBeTruthy();
      }),
      { numRuns: 60 },
    );
  });

  it("a window from year 0000 to 9999 is clamped to the data and answers promptly", async () => {
    const started = Date.now();
    const { res, text } = await get("/api/metrics?venue=binance-usdm&symbol=BTCUSDT&from=0000-01-01&to=9999-12-31T23:59:59Z");
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    const body = JSON.parse(text) as { window: { from: number; to: number } | null };
    expect(body.window).not.toBeNull();
    expect(body.window!.from).toBeGreaterThan(Date.UTC(2009, 0, 1));
    expect(body.window!.to).toBeLessThan(Date.UTC(2100, 0, 1));
    const bad = await get("/api/metrics?venue=binance-usdm&symbol=BTCUSDT&from=%2B010000-01-01&to=%2B010001-01-01");
    expect(bad.res.status).toBe(422);
    expect(JSON.parse(bad.text).fields.from[0]).toMatch(/year 0000–9999/);
  });
});
