// Allocation reports against `next start` on the bootstrapped dataset: the API (validation, exports) and
// the /reports/new form in Chromium, down to the downloaded CSV.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const post = (body: unknown) => fetch(`${baseUrl}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("report API", () => {
  it("rejects bad parameters with 422 and field errors", async () => {
    const res = await post({ capitalUsd: -5, targetOrderNotionalUsd: "abc", slippageBudgetBps: 0, minScore: 140, caps: { "binance-usdm": { sharePct: 150 } }, exclude: ["Not A Slug"] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(["capitalUsd", "targetOrderNotionalUsd", "slippageBudgetBps", "minScore", "caps.binance-usdm.sharePct", "exclude.0"]));
    expect(body.fields.capitalUsd[0]).toContain("positive USD amount");
    const target = await post({ capitalUsd: 1000, targetOrderNotionalUsd: 5000, slippageBudgetBps: 10 });
    expect((await target.json()).fields.targetOrderNotionalUsd).toEqual(["target order notional cannot exceed the capital"]);
    const notJson = await fetch(`${baseUrl}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(notJson.status).toBe(400);
  });

  it("builds, saves, lists and serves a report in three formats; unknown ids are 404", async () => {
    const res = await post({ capitalUsd: 2_000_000, targetOrderNotionalUsd: 10_000, slippageBudgetBps: 10, title: "API report" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; downloads: Record<string, string>; report: { allocation: { allocatedUsd: number } } };
    expect(created.report.allocation.allocatedUsd).toBe(2_000_000);
    // Real venues by default: the bootstrapped simulated venues are not in the report at all.
    const full = created.report as unknown as { venues: { slug: string; provenance: string }[]; provenance: { simulated: string[] }; params: { venueSet: string } };
    expect(full.params.venueSet).toBe("real");
    expect(full.provenance.simulated).toEqual([]);
    expect(full.venues.filter((v) => v.provenance === "simulated")).toEqual([]);
    // The demo on request: simulated venues only, never beside a real one.
    const demoRes = await post({ capitalUsd: 2_000_000, targetOrderNotionalUsd: 10_000, slippageBudgetBps: 10, venueSet: "simulated" });
    expect(demoRes.status).toBe(201);
    const demo = (await demoRes.json()).report as typeof full & { title: string };
    expect(demo.venues.length).toBeGreaterThan(0);
    expect(demo.venues.every((v) => v.provenance === "simulated")).toBe(true);
    expect(demo.title).toMatch(/^Simulated demo/);
    const list = (await (await fetch(`${baseUrl}/api/reports`)).json()) as { reports: { id: number; title: string }[] };
    expect(list.reports.find((r) => r.id === created.id)?.title).toBe("API report");
    const pdf = await fetch(`${baseUrl}${created.downloads.pdf}`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const json = await (await fetch(`${baseUrl}${created.downloads.json}`)).json();
    expect(json).toMatchObject({ id: created.id, format: "venuescope.allocation-report.v1", params: { capitalUsd: 2_000_000 } });
    const rerun = await (await fetch(`${baseUrl}/api/reports/${created.id}?rerun=1`)).json();
    expect(rerun.comparison.venues.every((v: { status: string }) => v.status === "same")).toBe(true);
    expect((await fetch(`${baseUrl}/api/reports/99999`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/reports/abc/download?format=csv`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/reports/${created.id}/download?format=xls`)).status).toBe(422);
  });

  it("exports the scorecard view as CSV and JSON", async () => {
    const csvRes = await fetch(`${baseUrl}/api/reports/scorecard-export?format=csv&notional=100000&window=30d&asset=BTC`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-disposition")).toMatch(/attachment; filename="venuescope-scorecard-BTC-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    const binance = rows.find((r) => r.venue === "binance-usdm")!;
    expect(binance).toMatchObject({ market_symbol: "BTCUSDT", notional_usd: 100000, venue_provenance: "recorded", snapshots_count: 2711 });
    expect(typeof binance.score_0_100).toBe("number");
    const json = await (await fetch(`${baseUrl}/api/reports/scorecard-export?format=json&notional=100000`)).json();
    expect(json).toMatchObject({ format: "venuescope.scorecard.v1", params: { notionalUsd: 100000, asset: "BTC" } });
    expect(json.rows.length).toBe(rows.length);
    expect((await fetch(`${baseUrl}/api/reports/scorecard-export?format=xml`)).status).toBe(422);
  });
});

describe("/reports/new in Chromium", () => {
  it("shows field errors, then builds and saves a report and downloads its CSV", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // "load", not "networkidle": the site navigation prefetches other sections, which can keep the network busy.
    await page.goto(`${baseUrl}/reports/new`, { waitUntil: "load" });
    await page.locator('form[data-ready="true"]').waitFor();

    // Keyboard only: a capital below the target order notional is refused beside its field.
    const capital = page.getByLabel("Capital (USD)");
    await capital.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5000");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("10000");
    await page.keyboard.press("Enter");
    const targetError = page.locator("#err-targetOrderNotionalUsd");
    await targetError.waitFor();
    expect(await targetError.innerText()).toBe("target order notional cannot exceed the capital");
    expect(await page.getByLabel("Target order notional (USD)").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "reports-new-errors");

    await capital.fill("1000000");
    await page.getByLabel("Title (optional)").fill("E2E BTC split");
    await page.getByLabel("Cap for Binance USD-M Futures in percent of capital").fill("80");
    // Real venues are the default: the first-start dataset also holds fictional simulated venues.
    expect(await page.getByLabel("Venues", { exact: true }).inputValue()).toBe("real");
    await page.getByRole("button", { name: "Build and save report" }).click();
    // The built report opens at its own URL.
    await page.waitForURL(/\/reports\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const result = page.getByTestId("report-result");
    await result.waitFor();
    expect(Number(await result.getAttribute("data-report-id"))).toBe(id);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("E2E BTC split");
    expect(await page.getByTestId("venue-set").innerText()).toBe("real venues only");
    // Bundled data: one snapshot per venue, recorded years ago: the warnings say so.
    const warnings = await result.getByTestId("report-warnings").innerText();
    expect(warnings).toContain("fewer than the minimum of 30");
    expect(warnings).toContain("older than the 30-day window");
    const table = result.getByTestId("allocation-table");
    expect(await table.locator('tr[data-venue="binance-usdm"] [data-testid="data-date"]').innerText()).toBe("data 2026-01-01 to 2026-01-31 (UTC)");
    expect(await table.locator('tr[data-venue="binance-usdm"]').innerText()).toContain("score-weighted");
    expect(await table.locator('tr[data-venue="bitget"]').innerText()).toContain("no data");
    expect(await result.getByTestId("allocated-total").innerText()).toBe("$1,000,000");
    await screenshot(page, "reports-new-result");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^venuescope-allocation-${id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true, columns: true, cast: true }) as Record<string, string | number | boolean>[];
    const by = Object.fromEntries(rows.map((r) => [r.venue, r]));
    // Bundled data: Binance BTCUSDT (real depth bands), Binance COIN-M BTCUSD_PERP (a recorded book),
    // Hyperliquid BTC (books replayed from the real WebSocket recording), dYdX BTC-USD (~$15k), and GRVT and
    // MEXC (one recorded book each) can fill a $10k order; every other venue has no BTC order book (no data).
    // They split $1M by score.
    const eligible = rows.filter((r) => r.eligible === "true");
    expect(eligible.map((r) => r.venue).sort()).toEqual(["binance-coinm", "binance-usdm", "dydx-v4", "grvt", "hyperliquid", "mexc"]);
    expect(eligible.reduce((s, r) => s + Number(r.allocation_usd), 0)).toBeCloseTo(1_000_000, 2);
    // Binance now has real stress windows (depth bands, 2026-01-31), so its capacity is the stress p5.
    const [b, d] = [by["binance-usdm"], by["dydx-v4"]];
    expect(Number(b.allocation_usd) / Number(d.allocation_usd)).toBeCloseTo(Number(b.score_0_100) / Number(d.score_0_100), 2); // CSV scores carry 2 decimals
    expect(b).toMatchObject({ market_symbol: "BTCUSDT", capacity_basis: "stress-p5", capacity_budget_bps: 10, venue_provenance: "recorded", cap_usd: 800000 });
    expect(by.bitget).toMatchObject({ binding_constraint: "no data", allocation_usd: 0 });
    expect(String(b.data_from_utc)).toMatch(/^2026-01-01T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists the saved report and shows it beside a re-run", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/reports`, { waitUntil: "load" });
    const link = page.getByTestId("reports-list").getByRole("link", { name: "E2E BTC split" });
    await link.waitFor();
    await screenshot(page, "reports-list");
    await link.click();
    await page.getByRole("heading", { name: "E2E BTC split" }).waitFor();
    const cmp = page.getByTestId("comparison-table");
    expect(await cmp.locator('tr[data-venue="binance-usdm"]').getAttribute("data-status")).toBe("same");
    expect(await page.getByText("No venue's allocation, score or constraint changed.").count()).toBe(1);
    expect(await page.getByTestId("saved-allocation").getByTestId("allocated-total").innerText()).toBe("$1,000,000");
    expect(await page.getByTestId("rerun-allocation").getByTestId("allocated-total").innerText()).toBe("$1,000,000");
    await screenshot(page, "reports-detail");
    await page.close();
  });

  it("stays readable at a narrow width", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/reports/new`, { waitUntil: "load" });
    await page.locator('form[data-ready="true"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, "reports-new-narrow");
    await page.close();
  });
});
