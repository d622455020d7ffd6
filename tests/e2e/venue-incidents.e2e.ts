// The incident ledger on the venue page and its API: Hyperliquid's page lists its incidents newest first with
// date, kind, mechanism, duration, losses, compensation and a source link (third-party marked); a venue without a
// ledger says so; the API answers the same ledger, bounded, and refuses a bad limit or an unknown venue.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import type { VenueIncidentsView } from "../../lib/views/incidents";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("incident ledger", () => {
  it("the venue page lists the venue's incidents with their figures and sources", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/venues/hyperliquid`, { waitUntil: "load" });
    const panel = page.getByTestId("venue-incidents");
    await panel.waitFor();
    const rows = panel.getByTestId("incident");
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")))).toEqual([
      "2025-10-10-cross-margin-adl",
      "2025-08-26-xpl-hyperp-squeeze",
      "2025-07-29-api-outage",
      "2025-03-26-jelly-manipulation",
    ]);
    const outage = panel.locator('[data-testid="incident"][data-id="2025-07-29-api-outage"]');
    const cells = await outage.locator("td").allInnerTexts();
    expect(cells[0]).toBe("2025-07-29");
    expect(cells[1]).toBe("outage");
    expect(cells[2]).toContain("API servers overloaded");
    expect(cells[2]).toContain("A traffic spike overloaded the API servers");
    expect(cells[3]).toBe("37 min");
    expect(cells[4]).toBe("not stated");
    expect(cells[5]).toContain("$1.99M USDC reimbursed");
    expect(cells[6]).toContain("moderate");
    const link = outage.getByTestId("incident-source").first();
    expect(await link.getAttribute("href")).toBe("https://btcinsider.pro/market/investor/hyperliquid-reimburses-2m-to-crypto-traders-after-api-outage");
    expect(await outage.getByTestId("third-party").count()).toBe(1);
    expect(await panel.getByTestId("ledger-reviewed").innerText()).toContain("Reviewed 2025-01-01 → 2026-12-05");
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, "venue-incidents");
    // An official source carries no third-party mark (dYdX's incident review on dydx.xyz).
    await page.goto(`${baseUrl}/venues/dydx-v4`, { waitUntil: "load" });
    const halt = page.locator('[data-testid="incident"][data-id="2025-10-10-chain-halt"]');
    await halt.waitFor();
    expect(await halt.getByTestId("incident-source").first().getAttribute("href")).toBe("https://www.dydx.xyz/blog/october-2025-dydx-chain-incident-review-community-update");
    expect(await halt.getByTestId("third-party").count()).toBe(1); // the press source of the compensation figure only
    // A reviewed ledger with nothing found (Kraken Futures) shows its period, its note and no incident.
    await page.goto(`${baseUrl}/venues/krakenfutures`, { waitUntil: "load" });
    await page.getByTestId("no-incidents").waitFor();
    expect(await page.getByTestId("ledger-reviewed").innerText()).toContain("Reviewed 2025-01-01 → 2026-12-05");
    expect(await page.getByTestId("incident").count()).toBe(0);
    // A venue without a ledger (a simulated one) says so.
    await page.goto(`${baseUrl}/venues/sim-cex-alpha`, { waitUntil: "load" });
    await page.getByTestId("no-ledger").waitFor();
    expect(await page.getByTestId("incident").count()).toBe(0);
    await page.close();
  });

  it("the API answers the same ledger, bounded", async () => {
    const r = await fetch(`${baseUrl}/api/venues/hyperliquid/incidents?limit=2`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as VenueIncidentsView;
    expect(body.total).toBe(4);
    expect(body.incidents.map((i) => i.id)).toEqual(["2025-10-10-cross-margin-adl", "2025-08-26-xpl-hyperp-squeeze"]);
    expect((await fetch(`${baseUrl}/api/venues/hyperliquid/incidents?limit=500`)).status).toBe(422);
    expect((await fetch(`${baseUrl}/api/venues/nowhere/incidents`)).status).toBe(404);
  });
});
