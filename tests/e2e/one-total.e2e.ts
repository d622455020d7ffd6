// One number per venue: a real venue's total reads the same on the home page, its venue page, /compare,
// /api/scorecard, the scorecard export (CSV, JSON) and a report (JSON, page, CSV, PDF); the default home page lists real venues only, simulated ones only on request, ranked apart.
import { parse } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface ApiRow {
  venue: { slug: string; provenance: string };
  market: { symbol: string } | null;
  score: { total: number | null; status: string; reason: string | null };
  rank: number | null;
  group: string;
}

async function scorecard(query = ""): Promise<ApiRow[]> {
  const res = await fetch(`${baseUrl}/api/scorecard${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { venues: ApiRow[] }).venues;
}

describe("one total per venue", () => {
  it("shows the same total for a real venue on /, its page, /compare, /api/scorecard, the exports and a report", async () => {
    const rows = await scorecard();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.venue.provenance !== "simulated" && r.group === "real")).toBe(true);
    const scored = rows.find((r) => r.score.total !== null);
    expect(scored, "at least one bundled real venue has a total").toBeDefined();
    const slug = scored!.venue.slug;
    const total = scored!.score.total!.toFixed(1);
    // Venues with insufficient data say why and come after every scored one.
    const firstNull = rows.findIndex((r) => r.score.total === null);
    if (firstNull !== -1) {
      expect(rows.slice(firstNull).every((r) => r.score.total === null && r.rank === null && r.score.status === "insufficient-data" && (r.score.reason ?? "") !== "")).toBe(true);
    }

    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`, { waitUntil: "load" });
    const row = page.locator(`[data-testid="venue-row"][data-venue="${slug}"]`);
    await row.waitFor();
    expect((await row.getByTestId("total").innerText()).trim()).toBe(total);
    // The default home page lists real venues only.
    const groups = await page.locator('[data-testid="venue-row"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    expect(groups.length).toBe(rows.length);
    expect(groups.every((g) => g === "real")).toBe(true);
    expect(await page.locator('[data-testid="venue-row"] [data-provenance="simulated"]').count()).toBe(0);
    expect(await page.getByTestId("simulated-sep").count()).toBe(0);

    // The venue page, opened from the home page's link, on the same market, notional and window.
    const href = await row.locator(`a[href^="/venues/${slug}"]`).first().getAttribute("href");
    await page.goto(`${baseUrl}${href}`, { waitUntil: "load" });
    await expect.poll(() => page.getByTestId("venue-total").innerText(), { timeout: 30_000 }).toContain(`Total ${total}`);
    if (scored!.market) expect(await page.getByTestId("venue-total").innerText()).toContain(`market ${scored!.market.symbol}`);
    // The venue page opened without any parameter shows the same number too.
    await page.goto(`${baseUrl}/venues/${slug}`, { waitUntil: "load" });
    await expect.poll(() => page.getByTestId("venue-total").innerText(), { timeout: 30_000 }).toContain(`Total ${total}`);

    // Compare needs two venues: the scored one and any other real venue.
    const other = rows.find((r) => r.venue.slug !== slug)!.venue.slug;
    await page.goto(`${baseUrl}/compare?venues=${slug},${other}`, { waitUntil: "load" });
    await page.locator('tr[data-row="total"] td').first().waitFor();
    const col = await page.locator("thead th[data-venue]").evaluateAll((els, s) => els.findIndex((e) => e.getAttribute("data-venue") === s), slug);
    expect(col).toBeGreaterThanOrEqual(0);
    const cell = page.locator('tr[data-row="total"] td').nth(col);
    expect((await cell.getByTestId("cell-value").innerText()).trim()).toBe(total);

    // The scorecard export, as CSV and JSON, for the home page's default view.
    const exact = scored!.score.total!;
    const csvRes = await fetch(`${baseUrl}/api/reports/scorecard-export?format=csv`);
    expect(csvRes.status).toBe(200);
    const csvRows = parse(await csvRes.text(), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    const csvRow = csvRows.find((r) => r.venue === slug)!;
    expect(Math.abs(Number(csvRow.score_0_100) - exact)).toBeLessThanOrEqual(0.005); // CSV keeps two decimals
    const jsonRes = await (await fetch(`${baseUrl}/api/reports/scorecard-export?format=json`)).json();
    const jsonRow = (jsonRes.rows as Record<string, unknown>[]).find((r) => r.venue === slug)!;
    expect(Math.abs(Number(jsonRow.score_0_100) - exact)).toBeLessThanOrEqual(0.005);

    // A report at the same notional, window and asset: its JSON, its page, its CSV and its PDF.
    const res = await fetch(`${baseUrl}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ capitalUsd: 10_000_000, targetOrderNotionalUsd: 1_000_000, slippageBudgetBps: 10, asset: "BTC", window: "30d", title: "One total" }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; downloads: Record<string, string>; report: { venues: { slug: string; name: string; scoreTotal: number | null }[] } };
    const inReport = created.report.venues.find((v) => v.slug === slug)!;
    expect(inReport.scoreTotal!.toFixed(1)).toBe(total);
    await page.goto(`${baseUrl}/reports/${created.id}`, { waitUntil: "load" });
    const reportCell = page.locator(`[data-testid="report-result"] tr[data-venue="${slug}"] td[data-col="score"]`);
    expect((await reportCell.innerText()).trim()).toBe(total);
    const reportCsv = parse(await (await fetch(`${baseUrl}${created.downloads.csv}`)).text(), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(Math.abs(Number(reportCsv.find((r) => r.venue === slug)!.score_0_100) - exact)).toBeLessThanOrEqual(0.005);
    const pdfBytes = Buffer.from(await (await fetch(`${baseUrl}${created.downloads.pdf}`)).arrayBuffer());
    const parser = new PDFParse({ data: new Uint8Array(pdfBytes) });
    const pdfText = (await parser.getText()).text;
    await parser.destroy();
    const pdfLine = pdfText.split("\n").find((l) => l.startsWith(inReport.name) && /\d+\.\d\b/.test(l));
    expect(pdfLine, `a PDF table line for ${inReport.name}`).toBeDefined();
    expect(pdfLine).toContain(total);
    await page.close();
  });

  it("shows simulated venues only with ?simulated=1, as a separate demo section ranked on its own", async () => {
    const all = await scorecard("?simulated=1");
    const sims = all.filter((r) => r.venue.provenance === "simulated");
    expect(sims.length).toBeGreaterThan(0);
    expect(sims.every((r) => r.group === "simulated")).toBe(true);
    // Real venues first; each group ranks from 1.
    const firstSim = all.findIndex((r) => r.group === "simulated");
    expect(all.slice(firstSim).every((r) => r.group === "simulated")).toBe(true);
    expect(sims.find((r) => r.rank === 1)).toBeDefined();
    expect(all.filter((r) => r.group === "real").find((r) => r.rank === 1)).toBeDefined();

    const page = await browser.newPage();
    await page.goto(`${baseUrl}/?simulated=1`, { waitUntil: "load" });
    await page.getByTestId("simulated-sep").waitFor();
    expect(await page.getByTestId("simulated-sep").innerText()).toContain("Demo: simulated venues");
    const groups = await page.locator('[data-testid="venue-row"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    const at = groups.indexOf("simulated");
    expect(at).toBeGreaterThan(0);
    expect(groups.slice(at).every((g) => g === "simulated")).toBe(true);
    await page.close();
  });
});
