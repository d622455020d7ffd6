// Methodology in Chromium: the default weights, scales and sampling note come from the code's own source.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHECKLIST_ITEMS, METHODOLOGY_VERSION } from "../../lib/scoring";
import { MAX_SAMPLED_SNAPSHOTS } from "../../lib/views/market";
import { horizontalOverflow, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("methodology page", () => {
  it("shows every item with its default weight, the scales, the stress rule and the sampling note", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/methodology`, { waitUntil: "load" });
    const rows = page.locator('[data-testid="default-weights"] tbody tr');
    expect(await rows.count()).toBe(CHECKLIST_ITEMS.length);
    for (const item of CHECKLIST_ITEMS) {
      expect(await page.locator(`[data-testid="default-weights"] tr[data-item="${item.id}"] [data-testid="weight"]`).innerText()).toBe(String(item.defaultWeight));
    }
    expect(await page.getByTestId("methodology-version").innerText()).toBe(METHODOLOGY_VERSION);
    expect(await page.getByTestId("scale").count()).toBeGreaterThan(5);
    expect(await page.locator("#stress").innerText()).toContain("90th percentile");
    expect(await page.getByTestId("sampling-note").innerText()).toContain(MAX_SAMPLED_SNAPSHOTS.toLocaleString("en-US"));
    await screenshot(page, "methodology");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.close();
  });
});
