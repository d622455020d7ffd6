// A venue page in Chromium: each chart draws its data with unit-bearing axis titles, the checklist links
// every figure to its evidence, the market selector updates the URL, and an unknown venue is a 404.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { collectPageErrors, horizontalOverflow, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;
// Simulated venues are present once the harness loads the simulator's dataset (checked below, never skipped).
const simulated = ((await (await fetch(`${baseUrl}/api/coverage`)).json()) as { slug: string }[]).some((v) => v.slug === "sim-cex-alpha");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function axisTitles(chart: Locator): Promise<string[]> {
  return chart.locator(".axis-title, .recharts-label").evaluateAll((els) => els.map((e) => e.textContent ?? ""));
}
/** A recharts line with a drawn path (d has at least one segment) or, for a single point, its dots. */
async function drawnLines(chart: Locator): Promise<number> {
  const paths = await chart.locator("path.recharts-line-curve").evaluateAll((els) => els.filter((e) => (e.getAttribute("d") ?? "").length > 1).length);
  return paths + (await chart.locator(".recharts-line-dots circle, .recharts-line-dot").count());
}
const bars = (chart: Locator) => chart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").count();

async function open(page: Page, path: string) {
  await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
  await page.getByTestId("checklist").waitFor();
}

describe("venue page", () => {
  it("shows the checklist with evidence and every chart of a recorded venue with data and units", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    // window=all: the recorded liquidation (2020) and open-interest reading (2023) fall in one window.
    await open(page, "/venues/binance-usdm?window=all");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("Binance USD-M Futures");
    expect(await page.getByTestId("banner-recorded").count()).toBe(1);
    // Checklist: seven items; a figure links to where its evidence is charted.
    expect(await page.locator("[data-testid=checklist] details[data-item]").count()).toBe(7);
    const p50 = page.locator('[data-item="depth"] [data-sub="p50SlippageBps"] a');
    expect(await p50.innerText()).toMatch(/bps$/);
    expect(await p50.getAttribute("href")).toBe("#slippage-curve");
    expect(await page.locator('[data-item="depth"] li').first().innerText()).toContain("source:");

    const curve = page.getByTestId("chart-slippage-curve");
    await curve.locator("path.recharts-line-curve").first().waitFor();
    expect(await drawnLines(curve)).toBeGreaterThan(0);
    expect(await axisTitles(curve)).toEqual(expect.arrayContaining(["Order notional (USD, log scale)", "Slippage (bps)"]));
    // window=all holds 5,591 real Binance depth-band books (data/archives) against one level book, so the curve
    // comes from the bands (visible to ±5 %, no "beyond depth" area at these sizes) and says so.
    expect(await curve.locator(".recharts-reference-area").count()).toBe(0);
    expect(await page.getByText("estimated from depth bands").count()).toBeGreaterThan(0);

    const depth = page.getByTestId("chart-depth-bands");
    expect(await bars(depth)).toBeGreaterThan(0);
    expect(await axisTitles(depth)).toEqual(expect.arrayContaining(["Distance from mid (bps)", "Depth (USD)"]));

    // Book refill from the same band books: 32 drops over the latest 2,000 snapshots (tests/integration/archives).
    const refill = page.getByTestId("chart-refill");
    expect(await bars(refill)).toBeGreaterThan(0);
    expect(await axisTitles(refill)).toEqual(expect.arrayContaining(["Regime", "Seconds"]));
    expect(await refill.innerText()).toContain("32 drops of ≥ 30 % of one side's depth within 100 bps of mid over 2000 depth-band snapshots, one every 30 s");

    const time = page.getByTestId("chart-slippage-time");
    await time.waitFor();
    expect(await drawnLines(time)).toBeGreaterThan(0);
    expect(await axisTitles(time)).toEqual(expect.arrayContaining(["Time (UTC)", "Slippage (bps)"]));

    const funding = page.getByTestId("chart-funding");
    expect(await drawnLines(funding)).toBeGreaterThan(0);
    expect(await axisTitles(funding)).toEqual(expect.arrayContaining(["Funding time (UTC)", "Annualized (% per year)"]));

    const liq = page.getByTestId("chart-liquidations");
    expect(await bars(liq)).toBeGreaterThan(0);
    expect(await axisTitles(liq)).toEqual(expect.arrayContaining(["Liquidated (USD / day)", "Open interest (USD)"]));

    expect(await page.getByTestId("fee-history").locator("tbody tr").count()).toBeGreaterThan(0);
    // Binance publishes its insurance fund (/fapi/v1/insuranceBalance) but none is stored in the bundled data:
    // "no data" with the command that fills it, not "not published by venue".
    expect(await page.locator('[data-testid="market-coverage"] tr[data-kind="insurance"]').innerText()).toContain("no data — npm run -s venuescope -- ingest --venue binance-usdm --kinds insurance");
    // Every figure group carries its provenance.
    for (const g of await page.getByTestId("figure-group").all()) expect(await g.locator("[data-provenance], .nodata").count()).toBeGreaterThan(0);
    const facts = page.getByTestId("fact");
    // data/facts/binance-usdm.json is loaded on bootstrap: a page without facts is a failure.
    expect(await facts.count(), "curated facts missing from the venue page").toBeGreaterThan(0);
    expect(await facts.first().innerText()).toContain("as of");
    await screenshot(page, "venue");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches market from the selector and keeps it in the URL", async () => {
    const page = await browser.newPage();
    await open(page, "/venues/binance-usdm");
    const select = page.getByTestId("market-select");
    const options = await select.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const other = options.find((o) => o !== "BTCUSDT")!;
    await select.selectOption(other);
    await expect.poll(() => page.url()).toContain(`symbol=${other}`);
    await expect.poll(() => page.getByTestId("venue-total").innerText(), { timeout: 30_000 }).toContain(other);
    await page.close();
  });

  it("shades stress windows and draws every chart of a simulated venue", async () => {
    // The harness bootstraps the simulated dataset: without it this check must fail, not be skipped.
    expect(simulated, "sim-cex-alpha missing from /api/coverage").toBe(true);
    const page = await browser.newPage();
    await open(page, "/venues/sim-cex-alpha");
    expect(await page.getByTestId("banner-simulated").innerText()).toContain("fictional venues generated by the Venuescope simulator");
    const time = page.getByTestId("chart-slippage-time");
    await time.locator("path.recharts-line-curve").first().waitFor();
    expect(await time.locator(".recharts-reference-area").count()).toBeGreaterThan(0);
    // Percentile bands, not raw lines: one p50 line and a drawn p50–p95 band area; no buy/sell series.
    const bandPaths = await time.locator("path.recharts-area-area").evaluateAll((els) => els.filter((e) => (e.getAttribute("d") ?? "").length > 10).length);
    expect(bandPaths).toBeGreaterThan(0);
    const legend = await time.locator(".recharts-legend-wrapper").innerText();
    expect(legend).toContain("p50 (median)");
    expect(legend).toContain("p50–p95 band");
    expect(legend).not.toMatch(/\bbuy\b|\bsell\b/);
    for (const id of ["chart-slippage-curve", "chart-funding"]) expect(await drawnLines(page.getByTestId(id))).toBeGreaterThan(0);
    for (const id of ["chart-depth-bands", "chart-liquidations"]) expect(await bars(page.getByTestId(id))).toBeGreaterThan(0);
    expect(await page.getByTestId("fact").count()).toBeGreaterThan(0);
    // $1M is a grid notional of the stored liquidity curves: read exactly from them (issue #18.1).
    expect(await page.getByTestId("curve-bound").innerText()).toBe("stored liquidity curves (exact at this notional)");
    await screenshot(page, "venue-simulated");
    await page.close();
  });

  it("lists the venue's margin rules with tiers, source and provenance", async () => {
    const page = await browser.newPage();
    await open(page, "/venues/binance-usdm");
    const rules = page.getByTestId("venue-margin-rules");
    expect(await rules.locator("summary").first().innerText()).toMatch(/BTCUSDT — 10 tiers, recorded source as of \d{4}-\d{2}-\d{2}/);
    expect(await rules.locator("tbody tr").first().innerText()).toMatch(/1\s+\$0\s+\$50\.0k\s+125×/);
    expect(await rules.getByRole("link", { name: "source" }).first().getAttribute("href")).toMatch(/^https:\/\/www\.binance\.com\//);
    await page.close();
  });

  it("answers 404 with a page for an unknown venue", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${baseUrl}/venues/no-such-venue`, { waitUntil: "load" });
    expect(res?.status()).toBe(404);
    expect(await page.getByTestId("not-found").innerText()).toContain("Venue not found");
    await page.close();
  });

  it("stays readable at a narrow width", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await open(page, "/venues/binance-usdm");
    await page.getByTestId("chart-slippage-curve").waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, "venue-narrow");
    // A dated-futures venue draws the term-structure table too; it scrolls inside its panel, not the page.
    await open(page, "/venues/binance-coinm");
    await page.getByTestId("term-table").waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await page.close();
  });
});
