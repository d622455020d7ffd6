// Margin stress tests against `next start` on the bootstrapped dataset: the API (validation, runs, exports,
// saved runs) and the /stress page in Chromium — upload a three-venue portfolio, run the correlation break,
// read which venue hurt and why, download the positions CSV.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { horizontalOverflow, launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const post = (p: string, body: unknown) => fetch(`${baseUrl}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const EXAMPLE_CSV = path.resolve("public/stress-portfolio-example.csv");

describe("stress API", () => {
  it("lists venues with their margin rules, the built-in scenarios and replayable stress windows", async () => {
    const options = await (await fetch(`${baseUrl}/api/stress/options`)).json();
    const alpha = options.venues.find((v: { slug: string }) => v.slug === "sim-cex-alpha");
    expect(alpha.provenance).toBe("simulated");
    expect(alpha.markets.some((m: { base: string; hasRules: boolean }) => m.base === "BTC" && m.hasRules)).toBe(true);
    expect(Object.keys(options.scenarios)).toContain("correlation-break");
    expect(options.replayWindows.length).toBeGreaterThan(0);
  });

  it("rejects what it cannot run with 422 and the field named", async () => {
    const bad = await post("/api/stress", { portfolio: { positions: [{ venue: "sim-cex-alpha", market: "BTC", side: "sideways", size: -1 }], collateral: [] }, scenario: "correlation-break" });
    expect(bad.status).toBe(422);
    const fields = (await bad.json()).fields as Record<string, string[]>;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["positions.0.side", "positions.0.size"]));
    const unknownVenue = await post("/api/stress", { portfolio: { positions: [{ venue: "nowhere", market: "BTC", side: "long", size: 1 }], collateral: [{ venue: "nowhere", asset: "USDT", amount: 1 }] }, scenario: "crash-gap" });
    expect(unknownVenue.status).toBe(422);
    expect((await unknownVenue.json()).fields["positions.0.venue"][0]).toContain('unknown venue "nowhere"');
    const badScenario = await post("/api/stress", { portfolio: { positions: [{ venue: "sim-cex-alpha", market: "BTC", side: "long", size: 1 }], collateral: [{ venue: "sim-cex-alpha", asset: "USDT", amount: 10000 }] }, scenario: { name: "x", shocks: [{ asset: "BTC", movePct: -150 }] } });
    expect(badScenario.status).toBe(422);
    expect(Object.keys((await badScenario.json()).fields)).toContain("shocks.0.movePct");
    const csv = await fetch(`${baseUrl}/api/stress/portfolio`, { method: "POST", headers: { "content-type": "text/csv" }, body: "kind,venue,market,side,size\nposition,sim-cex-alpha,BTC,long,abc\n" });
    expect(csv.status).toBe(422);
  });

  it("runs, exports and saves a three-venue correlation break", async () => {
    const parsed = await (await fetch(`${baseUrl}/api/stress/portfolio?name=example`, { method: "POST", headers: { "content-type": "text/csv" }, body: fs.readFileSync(EXAMPLE_CSV, "utf8") })).json();
    expect(new Set(parsed.portfolio.positions.map((p: { venue: string }) => p.venue)).size).toBe(3);
    const res = await post("/api/stress", { portfolio: parsed.portfolio, scenario: "correlation-break" });
    expect(res.status).toBe(200);
    const run = await res.json();
    expect(run.result.venues).toHaveLength(3);
    expect(run.result.ranking).toHaveLength(3);
    for (const v of run.result.venues) {
      expect(v.provenance).toContain("simulated");
      for (const p of v.cross.positions) expect(p.rule.source).toBeTruthy();
    }
    // Delta holds its book in isolated margin (the CSV's mode row): its chosen run is the isolated one.
    const delta = run.result.venues.find((v: { venueSlug: string }) => v.venueSlug === "sim-cex-delta");
    expect(delta.chosenMode).toBe("isolated");

    const exp = await post("/api/stress/export", { portfolio: parsed.portfolio, scenario: "correlation-break", format: "csv", table: "positions" });
    expect(exp.headers.get("content-disposition")).toMatch(/attachment; filename="venuescope-stress-correlation-break-\d{4}-\d{2}-\d{2}-positions\.csv"/);
    const bytes = Buffer.from(await exp.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows).toHaveLength(12); // 6 positions × 2 modes
    expect(rows[0]).toHaveProperty("maintenance_margin_rate");
    expect(rows[0]).toHaveProperty("rules_source");

    const saved = await post("/api/stress", { portfolio: parsed.portfolio, scenario: "correlation-break", save: true, title: "e2e run" });
    expect(saved.status).toBe(201);
    const { id } = await saved.json();
    const list = await (await fetch(`${baseUrl}/api/stress`)).json();
    expect(list.runs.find((r: { id: number }) => r.id === id)?.title).toBe("e2e run");
    const json = await (await fetch(`${baseUrl}/api/stress/${id}/download?format=json`)).json();
    expect(json).toMatchObject({ kind: "stress", id, scenario: { name: "correlation-break" } });
    const pdf = await fetch(`${baseUrl}/api/stress/${id}/download?format=pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await fetch(`${baseUrl}/api/stress/99999`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/stress/${id}/download?table=nope`)).status).toBe(422);
  });
});

describe("/stress in Chromium", () => {
  it("uploads a three-venue portfolio, runs the correlation break and shows which venue hurt, with the evidence", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/stress`, { waitUntil: "load" });
    await page.locator('form[data-ready="true"]').waitFor();
    await page.getByTestId("portfolio-upload").setInputFiles(EXAMPLE_CSV);
    await page.getByTestId("upload-status").getByText("6 positions on 3 venues").waitFor();
    expect(await page.getByLabel("Margin mode on sim-cex-delta").inputValue()).toBe("isolated");
    expect(await page.locator("#sc-base").inputValue()).toBe("correlation-break");
    expect(await page.getByTestId("margin-rules-coverage").textContent()).toMatch(/Binance USD-M.*recorded/s);
    await page.getByTestId("run-stress").click();
    const ranking = page.getByTestId("hurt-ranking");
    await ranking.waitFor();
    expect(await ranking.locator("li").count()).toBe(3);
    expect(await page.getByTestId("cross-vs-isolated").locator("tbody tr").count()).toBe(3);
    // The simulated data is labelled as such.
    await page.getByText(/Simulated data: .* not a real venue/).waitFor();
    // One chart per venue, drawn.
    expect(await page.getByTestId("chart-stress-path").count()).toBe(3);
    expect(await page.locator('[data-testid="chart-stress-path"] .recharts-line path').count()).toBeGreaterThan(0);
    // Every position names its tier and where the rule came from.
    const firstTable = page.getByTestId("positions-cross").first();
    expect(await firstTable.locator("tbody tr").first().textContent()).toMatch(/tier \d+: initial .* maintenance/);
    // The isolated view of the worst venue shows a liquidation with its book walk.
    const worst = await ranking.locator("li").first().getAttribute("data-venue");
    const section = page.getByTestId(`venue-${worst}`);
    await section.getByRole("button", { name: "isolated" }).click();
    await screenshot(page, "stress-results");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "CSV: positions" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/positions\.csv$/);
    await page.getByTestId("save-run").click();
    await page.getByTestId("saved-link").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stays usable at a narrow width and shows a field's error beside its row", async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/stress`, { waitUntil: "load" });
    await page.locator('form[data-ready="true"]').waitFor();
    await page.getByLabel("Position 1 size", { exact: true }).fill("-5");
    await page.getByTestId("run-stress").click();
    await page.getByTestId("stress-error").waitFor();
    expect(await page.getByTestId("stress-error").innerText()).toMatch(/Position 1 notionalUsd/);
    expect(await page.locator(".field-error").first().innerText()).toMatch(/greater than 0|>0/i);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, "stress-narrow");
    await page.close();
  });
});
