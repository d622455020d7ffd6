import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("home page in Chromium", () => {
  it("lists the recorded venues and markets from the database with coverage and provenance", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(baseUrl, { waitUntil: "networkidle" });
    const binance = page.locator('[data-venue="binance-usdm"]');
    await binance.waitFor();
    expect(await binance.locator("h2").innerText()).toContain("Binance USD-M Futures");
    const btc = binance.locator('[data-testid="market-row"][data-symbol="BTCUSDT"]');
    const text = await btc.innerText();
    // From the bundled depth snapshot (2024-11-01 05:53 UTC, 100 levels per side) and 100 funding records.
    expect(text).toContain("1 snapshots");
    expect(text).toContain("2024-11-01 05:53 UTC");
    expect(text).toContain("up to 100 levels/side");
    expect(text).toContain("100 records");
    expect(text).toContain("funding every 8 h");
    expect(await btc.locator('[data-provenance="recorded"]').count()).toBeGreaterThan(0);
    await expect(page.getByRole("note").first().innerText()).resolves.toContain("saved real responses");
    await screenshot(page, "home");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stays readable at a narrow width", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto(baseUrl, { waitUntil: "networkidle" });
    await page.locator('[data-venue="binance-usdm"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, "home-narrow");
    await page.close();
  });
});
