// Compare in Chromium: the URL reproduces the whole view (venues in order, notional, window), the best value
// per row is marked, charts draw, and the venue picker writes the URL.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { collectPageErrors, horizontalOverflow, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const columns = (page: Page) => page.locator('[data-testid="compare-table"] thead th[data-venue]').evaluateAll((els) => els.map((e) => e.getAttribute("data-venue")));

async function open(page: Page, query: string) {
  await page.goto(`${baseUrl}/compare${query}`, { waitUntil: "load" });
  await page.getByTestId("compare-table").waitFor();
}

describe("compare page", () => {
  it("reproduces its state from the URL", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await open(page, "?venues=bitget,binance-usdm&notional=100000&window=7d");
    expect(await columns(page)).toEqual(["bitget", "binance-usdm"]);
    expect(await page.locator('button[data-notional="100000"]').getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId("window").inputValue()).toBe("7d");
    expect(await page.locator('[data-testid="venue-picker"] input[data-venue="bitget"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="venue-picker"] input[data-venue="binance-usdm"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="venue-picker"] input[data-venue="okx"]').isChecked()).toBe(false);
    // Realized execution, book refill, carry spread and prediction error have rows of their own (#17.7, #21.5).
    for (const row of ["realized-implied", "realized-stress", "refill", "carry-spread", "prediction-mae"]) expect(await page.locator(`tr[data-row="${row}"]`).count()).toBe(1);
    // At least one row has a marked best value (both venues have funding coverage, for one).
    expect(await page.locator('td[data-best="true"]').count()).toBeGreaterThan(0);
    const curves = page.getByTestId("chart-compare-curves");
    await curves.locator("path.recharts-line-curve").first().waitFor();
    expect(await curves.locator(".recharts-label, .axis-title").evaluateAll((els) => els.map((e) => e.textContent ?? ""))).toEqual(expect.arrayContaining(["Order notional (USD, log scale)", "p50 slippage (bps)"]));
    expect(await page.getByTestId("chart-compare-cost").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("chart-compare-funding").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("banner-recorded").count()).toBe(1);
    await screenshot(page, "compare");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("adds a venue from the picker into the URL, and the link brings the same view back", async () => {
    const page = await browser.newPage();
    await open(page, "?venues=bitget,binance-usdm&notional=100000");
    // The picker mirrors the URL, which updates right after the click.
    await page.locator('[data-testid="venue-picker"] input[data-venue="okx"]').click();
    await expect.poll(() => page.url()).toContain("venues=bitget,binance-usdm,okx");
    await expect.poll(() => columns(page)).toEqual(["bitget", "binance-usdm", "okx"]);
    const link = page.url();
    const again = await browser.newPage();
    await open(again, link.slice(link.indexOf("?")));
    expect(await columns(again)).toEqual(["bitget", "binance-usdm", "okx"]);
    expect(await again.locator('button[data-notional="100000"]').getAttribute("aria-pressed")).toBe("true");
    await again.close();
    await page.close();
  });

  it("asks for a second venue when only one is named", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/compare?venues=bitget`, { waitUntil: "load" });
    await page.getByText("Pick at least 2 venues").waitFor();
    await page.close();
  });

  it("stays readable at a narrow width", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await open(page, "?venues=bitget,binance-usdm");
    // The carry table loads after the compare table; it once widened the page by 264 px at this width.
    await page.getByTestId("compare-carry-table").waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, "compare-narrow");
    await page.close();
  });
});
