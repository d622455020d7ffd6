// Funding carry over HTTP and in Chromium: /api/carry on the bundled Binance BTCUSDT funding history (100 recorded
// 8-hourly settlements, Σ rate 0.00430321), its input checks, and the carry panels on the venue and compare pages.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectPageErrors, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const get = async (q: string) => {
  const res = await fetch(`${baseUrl}/api/carry?${q}`);
  return { status: res.status, body: (await res.json()) as any };
};

describe("/api/carry", () => {
  it("one market: money, annualized, rolling holds", async () => {
    const { status, body } = await get("venue=binance-usdm&symbol=BTCUSDT&window=all&notional=1000000&side=long&hold=7");
    expect(status).toBe(200);
    expect(body.summary.count).toBe(100);
    expect(body.summary.notionalBasis).toBe("constant-notional");
    expect(body.summary.carryUsd).toBeCloseTo(-4303.21, 4);
    expect(body.summary.annualized).toBeCloseTo(-0.0471201495, 8);
    expect(body.rolling).toMatchObject({ windows: 79, p5: expect.closeTo(-0.1095, 8) });
    expect(body.provenance).toEqual(["recorded"]);
    expect(body.points).toHaveLength(100);
  });

  it("bad input is a 422 naming the field; an unknown market a 404", async () => {
    expect((await get("venue=binance-usdm&symbol=BTCUSDT&side=sideways")).status).toBe(422);
    const hold = await get("venue=binance-usdm&symbol=BTCUSDT&hold=500");
    expect(hold.status).toBe(422);
    expect(Object.keys(hold.body.fields)).toEqual(["hold"]);
    expect((await get("venue=binance-usdm")).status).toBe(422);
    expect((await get("venue=binance-usdm&symbol=NOPE")).status).toBe(404);
  });

  it("one asset across chosen venues, with the dispersion", async () => {
    const { status, body } = await get("asset=BTC&venues=binance-usdm,dydx-v4&window=all");
    expect(status).toBe(200);
    expect(body.rows.map((r: { venue: string }) => r.venue)).toEqual(["binance-usdm", "dydx-v4"]);
    // The two recorded histories (2020 and 2025) share no hour: no spread, not a zero spread.
    expect(body.dispersion).toMatchObject({ hours: 0, p50SpreadAnnualized: null });
  });
});

describe("/api/term-structure", () => {
  it("Binance COIN-M's bundled BTCUSD curve (recorded 2020-10-16): basis per maturity and the perp beside it; Bybit's and Deribit's beside it", async () => {
    const res = await fetch(`${baseUrl}/api/term-structure?asset=BTC`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.venues.map((v: { venue: string }) => v.venue).sort()).toEqual(["binance-coinm", "bybit", "deribit"]);
    const venue = (slug: string) => body.venues.find((v: { venue: string }) => v.venue === slug);
    expect(venue("binance-coinm").latest.maturities.map((m: { annualized: number }) => +m.annualized.toFixed(10))).toEqual([0.0701010307, 0.0813395189]);
    expect(venue("binance-coinm").latest.perpFundingAnnualized).toBeCloseTo(0.1095, 12);
    // Bybit's seven USDC futures (2023-08-16) give the 30/60/90-day constant maturities; Deribit's one quarter none.
    expect(venue("bybit").latest.maturities).toHaveLength(7);
    expect(venue("bybit").latest.constantMaturity.map((c: { days: number; annualized: number | null }) => [c.days, c.annualized !== null])).toEqual([[30, true], [60, true], [90, true]]);
    expect(venue("deribit").latest.maturities).toHaveLength(1);
    expect((await fetch(`${baseUrl}/api/term-structure?asset=b%20tc`)).status).toBe(422);
  });
});

describe("carry panels", () => {
  it("venue page: summary, rolling holds and the cumulative chart; the side switch flips paid to received", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/venues/binance-usdm?symbol=BTCUSDT&window=all`, { waitUntil: "load" });
    const summary = page.getByTestId("carry-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("the long paid $4.3k over 100 settlements");
    expect(await page.getByTestId("carry-rolling").textContent()).toContain("-10.95 %/yr");
    await page.getByTestId("chart-carry").locator("path.recharts-line-curve").first().waitFor();
    await page.getByTestId("carry-side").selectOption("short");
    await expect.poll(() => summary.textContent()).toContain("the short received $4.3k");
    await screenshot(page, "venue-carry");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("venue page of Binance COIN-M: the dated-futures curve with its perp funding", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/venues/binance-coinm?symbol=BTCUSD_PERP&window=all`, { waitUntil: "load" });
    const table = page.getByTestId("term-table");
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain("BTCUSD_201225 70.1 d: 7.01 %/yr");
    expect(text).toContain("BTCUSD_200925 expired");
    expect(text).toContain("10.95 %/yr");
    await page.getByTestId("chart-term-structure").locator("path.recharts-line-curve").first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("compare: one row per chosen venue with its carry", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/compare?venues=binance-usdm,dydx-v4&window=all`, { waitUntil: "load" });
    const table = page.getByTestId("compare-carry-table");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(2);
    expect(await table.textContent()).toContain("-$4.3k");
    expect(await page.getByTestId("compare-dispersion").textContent()).toContain("no hours in which two of these venues");
    await page.getByTestId("chart-compare-carry").locator(".recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("term-none").textContent()).toContain("No dated BTC futures stored");
    await screenshot(page, "compare-carry");
    expect(errors).toEqual([]);
    await page.close();
  });
});
