// Site shell in Chromium: the navigation, and the theme toggle (stored in localStorage, applied before paint).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("site shell", () => {
  it("navigates between the sections and marks the current one", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/methodology`, { waitUntil: "load" });
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allInnerTexts()).toEqual(["Scorecards", "Compare", "Methodology", "Data status", "Stress tests", "Reports"]);
    expect(await nav.getByRole("link", { name: "Methodology" }).getAttribute("aria-current")).toBe("page");
    await nav.getByRole("link", { name: "Data status" }).click();
    await page.waitForURL(/\/data$/);
    await page.getByTestId("ingest-runs").waitFor();
    expect(await nav.getByRole("link", { name: "Data status" }).getAttribute("aria-current")).toBe("page");
    await page.close();
  });

  it("switches to the dark theme, keeps it across a reload, and goes back to the system theme", async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl, { waitUntil: "load" });
    await page.getByLabel("Colour theme").selectOption("dark");
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe("dark");
    await page.reload({ waitUntil: "load" });
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe("dark");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(16, 20, 24)");
    await page.locator('[data-testid="venue-row"]').first().waitFor();
    await screenshot(page, "home-dark");
    await page.goto(`${baseUrl}/venues/binance-usdm`, { waitUntil: "load" });
    await page.getByTestId("chart-slippage-curve").locator("path.recharts-line-curve").first().waitFor();
    await screenshot(page, "venue-dark");
    await page.getByLabel("Colour theme").selectOption("system");
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem("venuescope-theme"))).toBeNull();
    await page.close();
  });
});
