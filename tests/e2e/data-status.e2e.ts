// Data status in Chromium: ingest runs (latest first, filter, pages), freshness, the per-day grid and the
// coverage table that used to be the home page.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectPageErrors, horizontalOverflow, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("data status page", () => {
  it("lists ingest runs latest first with freshness, the coverage grid and the coverage table", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/data`, { waitUntil: "load" });
    const runs = page.getByTestId("ingest-run");
    await runs.first().waitFor();
    expect(await runs.count()).toBeGreaterThan(0);
    expect(await runs.count()).toBeLessThanOrEqual(25);
    const ids = (await runs.locator("td:first-child").allInnerTexts()).map(Number);
    expect(ids[0]).toBeGreaterThan(ids[ids.length - 1]);
    expect(await page.getByTestId("run-counts").innerText()).toMatch(/\d+ ok/);
    expect(await page.locator('[data-testid="freshness"] tr[data-venue="binance-usdm"] td[data-kind="depth"]').innerText()).toContain("2024-11-01");
    // Binance publishes its insurance fund (nothing stored yet: "no data"); Hyperliquid publishes none.
    expect(await page.locator('[data-testid="freshness"] tr[data-venue="binance-usdm"] td[data-kind="insurance"]').innerText()).toContain("no data");
    expect(await page.locator('[data-testid="freshness"] tr[data-venue="hyperliquid"] td[data-kind="insurance"]').innerText()).toContain("not published by venue");
    expect(await page.locator('[data-testid="coverage-grid"] .heat-row[data-venue]').count()).toBeGreaterThan(0);

    // The coverage table (moved here from the home page).
    const binance = page.locator('[data-venue="binance-usdm"][data-testid="venue"]');
    expect(await binance.locator("h3").innerText()).toContain("Binance USD-M Futures");
    const btc = binance.locator('[data-testid="market-row"][data-symbol="BTCUSDT"]');
    const text = await btc.innerText();
    expect(text).toContain("1 snapshots");
    expect(text).toContain("2024-11-01 05:53 UTC");
    expect(text).toContain("up to 100 levels/side");
    expect(text).toContain("100 records");
    expect(text).toContain("funding every 8 h");
    expect(await btc.locator('[data-provenance="recorded"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("banner-recorded").innerText()).toContain("saved real responses, old and sparse");
    await screenshot(page, "data-status");
    expect(errors).toEqual([]);

    // Only runs with errors: every listed run failed, was partial or rejected records (or none is listed).
    await page.getByTestId("runs-errors").click();
    await page.waitForURL(/runs=errors/);
    await page.getByTestId("ingest-runs").or(page.getByText("No run failed")).first().waitFor();
    for (const s of await page.getByTestId("ingest-run").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) expect(["failed", "partial", "ok"]).toContain(s);
    await page.close();
  });

  it("stays readable at a narrow width", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/data`, { waitUntil: "load" });
    await page.getByTestId("ingest-run").first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, "data-status-narrow");
    await page.close();
  });
});
