// Screens a desk reads daily (#15.6, #15.11) in Chromium on the bootstrapped dataset: the data date beside every
// figure on /compare and the "periods differ" warning, /data freshness by data time, old rows visibly stale while
// a new notional or window is computed, and the stress equity chart with one unit per axis.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page, Route } from "playwright-core";
import { collectPageErrors, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  // Warm the server's figure cache for the keys these tests open (a cold scorecard takes tens of seconds here);
  // the stale-row tests hold the new key's request in the browser, whatever the server's speed.
  for (const [notional, window] of [["100000", "30d"], ["1000000", "30d"], ["5000000", "30d"], ["100000", "7d"]]) {
    await fetch(`${baseUrl}/api/scorecard?${new URLSearchParams({ notional, window, asset: "BTC", simulated: "show" })}`);
  }
}, 600_000);
afterAll(async () => browser?.close());

/** Hold the scorecard requests whose URL contains `marker` until the returned release() is called. */
async function holdScorecard(page: Page, marker: string): Promise<{ held: Promise<void>; release: () => void }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let seen!: () => void;
  const held = new Promise<void>((r) => (seen = r));
  await page.route(
    (url) => url.pathname === "/api/scorecard" && url.search.includes(marker),
    async (route: Route) => {
      seen();
      await gate;
      await route.continue();
    },
  );
  return { held, release };
}

/** A compare-table row's cells, one per venue column in URL order. */
const rowCells = (page: Page, row: string) => page.locator(`[data-testid="compare-table"] tr[data-row="${row}"] td`);

describe("dates on every figure (#15.6)", () => {
  it("compare puts the data date under each figure and warns that the venues' periods differ", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    // Binance COIN-M: one recorded book at 2024-11-01 05:53 UTC, funding 2020-11-01 08:00 to 2020-11-17 16:00.
    // dYdX: one recorded book and three funding settlements on 2025-12-08 (14:00-16:00 UTC).
    // A cold server computes the scorecard for this notional first: allow it the time the e2e config allows a test.
    await page.goto(`${baseUrl}/compare?venues=binance-coinm,dydx-v4&notional=100000`, { waitUntil: "load", timeout: 55_000 });
    await page.getByTestId("compare-table").waitFor();
    const funding = rowCells(page, "funding-mean");
    expect(await funding.count()).toBe(2);
    expect(await funding.nth(0).getByTestId("data-date").innerText()).toBe("2020-11-01 → 2020-11-17");
    expect(await funding.nth(1).getByTestId("data-date").innerText()).toBe("2025-12-08");
    // Every figure shown carries a date; a "no data" cell carries none.
    const cells = page.locator('[data-testid="compare-table"] tbody td');
    const n = await cells.count();
    for (let i = 0; i < n; i++) {
      const c = cells.nth(i);
      const noData = (await c.locator(".nodata").count()) > 0;
      expect(await c.getByTestId("data-date").count(), `cell ${i}: ${await c.innerText()}`).toBe(noData ? 0 : 1);
    }
    // The reports' "periods differ" rule, for books and for funding: both name both venues with their periods.
    const warnings = page.getByTestId("periods-warning");
    expect(await warnings.count()).toBe(2);
    const texts = await warnings.allInnerTexts();
    expect(texts[0]).toContain("order-book figures compared side by side come from different periods: Binance COIN-M Futures 2024-11-01 to 2024-11-01; dYdX v4 2025-12-08 to 2025-12-08");
    expect(texts[1]).toContain("funding figures compared side by side come from different periods: Binance COIN-M Futures 2020-11-01 to 2020-11-17; dYdX v4 2025-12-08 to 2025-12-08");
    expect(await warnings.first().getAttribute("data-venues")).toBe("binance-coinm,dydx-v4");
    await screenshot(page, "compare-data-dates");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("/data freshness gives each kind's latest data time, not the import date", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/data`, { waitUntil: "load" });
    const fresh = page.getByTestId("freshness");
    await fresh.waitFor();
    const depth = (slug: string) => fresh.locator(`tr[data-venue="${slug}"] td[data-kind="depth"]`);
    expect((await depth("dydx-v4").innerText()).startsWith("2025-12-08")).toBe(true);
    expect((await depth("binance-coinm").innerText()).startsWith("2024-11-01")).toBe(true);
    // The run that imported it is dated today (bootstrap), a different day from the data.
    const today = new Date().toISOString().slice(0, 10);
    expect(await depth("dydx-v4").innerText()).toContain(`run ok ${today}`);
    await page.close();
  });
});

describe("stale rows while a new notional or window is computed (#15.11)", () => {
  it("home keeps the $1M ranking dimmed under an updating notice until the $5M figures arrive", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/`, { waitUntil: "load" });
    await page.getByTestId("ranking-panel").waitFor();
    expect(await page.getByTestId("shown-notional").innerText()).toBe("$1M");
    expect(await page.getByTestId("rows").getAttribute("data-stale")).toBe("false");
    const firstRows = await page.getByTestId("rows").innerText();
    const { held, release } = await holdScorecard(page, "notional=5000000");
    await page.locator('button[data-notional="5000000"]').click();
    await held;
    // The control shows the new choice; the rows and their heading still say $1M, marked stale.
    await expect.poll(() => page.locator('button[data-notional="5000000"]').getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("updating-notice").waitFor();
    expect(await page.getByTestId("updating-notice").innerText()).toMatch(/computing BTC at \$5M, .*still for BTC at \$1M/);
    expect(await page.getByTestId("rows").getAttribute("data-stale")).toBe("true");
    // The dimming is a 0.15 s transition: on a slow machine the first read can land mid-way.
    await expect.poll(() => page.getByTestId("rows").evaluate((el) => Number(getComputedStyle(el).opacity)), { timeout: 5_000 }).toBeLessThan(0.6);
    expect(await page.getByTestId("shown-notional").innerText()).toBe("$1M");
    expect(await page.getByTestId("ranking-panel").getAttribute("data-state")).toBe("updating");
    expect(await page.getByTestId("rows").innerText()).toBe(firstRows);
    await screenshot(page, "home-stale-rows");
    release();
    await expect.poll(() => page.getByTestId("rows").getAttribute("data-stale"), { timeout: 60_000 }).toBe("false");
    expect(await page.getByTestId("shown-notional").innerText()).toBe("$5M");
    expect(await page.getByTestId("updating-notice").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("compare marks its table and charts stale while another window loads", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/compare?venues=binance-coinm,dydx-v4&notional=100000`, { waitUntil: "load" });
    await page.getByTestId("compare-table").waitFor();
    expect(await page.getByTestId("shown-window").innerText()).toMatch(/30/);
    const { held, release } = await holdScorecard(page, "window=7d");
    await page.getByTestId("window").selectOption("7d");
    await held;
    await page.getByTestId("updating-notice").waitFor();
    expect(await page.getByTestId("rows").getAttribute("data-stale")).toBe("true");
    expect(await page.getByTestId("shown-window").innerText()).toMatch(/30/);
    release();
    await expect.poll(() => page.getByTestId("rows").getAttribute("data-stale"), { timeout: 60_000 }).toBe("false");
    expect(await page.getByTestId("shown-window").innerText()).toMatch(/7/);
    await page.close();
  });
});

describe("stress equity chart (#15.11)", () => {
  it("draws equity in USD alone with each liquidation as a marker on it, and the margin ratio on its own chart", async () => {
    const csv = fs.readFileSync(path.resolve("public/stress-portfolio-example.csv"), "utf8");
    const parsed = await (await fetch(`${baseUrl}/api/stress/portfolio?name=example`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv })).json();
    const body = (extra: object) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ portfolio: parsed.portfolio, scenario: "correlation-break", ...extra }) });
    // The engine is deterministic: the run answered here is the one saved and shown below.
    const run = await (await fetch(`${baseUrl}/api/stress`, body({}))).json();
    const saved = await fetch(`${baseUrl}/api/stress`, body({ save: true, title: "screens e2e" }));
    expect(saved.status).toBe(201);
    const { id } = await saved.json();
    type Run = { positions: { liquidation: unknown }[] };
    const venues = run.result.venues as { venueSlug: string; cross: Run; isolated: Run }[];
    const liquidations = (v: (typeof venues)[number]) => [...v.cross.positions, ...v.isolated.positions].filter((p) => p.liquidation).length;
    expect(venues.reduce((s, v) => s + liquidations(v), 0)).toBeGreaterThan(0);

    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/stress?run=${id}`, { waitUntil: "load" });
    await page.getByTestId("hurt-ranking").waitFor();
    for (const v of venues) {
      const section = page.getByTestId(`venue-${v.venueSlug}`);
      const equity = section.getByTestId("chart-stress-path");
      const ratio = section.getByTestId("chart-stress-margin");
      await equity.locator("path.recharts-line-curve").first().waitFor();
      // One value axis per chart, one unit each.
      expect(await equity.locator(".recharts-yAxis").count()).toBe(1);
      expect(await ratio.locator(".recharts-yAxis").count()).toBe(1);
      expect(await equity.locator(".axis-title").allTextContents()).toContain("Equity (USD)"); // recharts draws axis titles outside .recharts-yAxis
      expect(await ratio.locator(".axis-title").allTextContents()).toContain("Margin ratio (%)");
      // Each liquidated position (cross and isolated) is one marker on the equity chart, none on the ratio chart.
      expect(await equity.getByTestId("liquidation-marker").count(), v.venueSlug).toBe(liquidations(v));
      expect(await ratio.getByTestId("liquidation-marker").count()).toBe(0);
    }
    await screenshot(page, "stress-equity-markers");
    expect(errors).toEqual([]);
    await page.close();
  });
});
