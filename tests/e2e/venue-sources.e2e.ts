// Every fact link on every bundled venue's page goes to one of the venue's official domains over https, or
// carries a visible "third-party" mark with its reason beside it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";
import { isOfficialUrl } from "../../lib/sources/official";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const profiles = fs
  .readdirSync(path.resolve("data/facts"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(fs.readFileSync(path.resolve("data/facts", f), "utf8")) as { venue: string; officialDomains: string[] });

describe("fact sources on venue pages", () => {
  it("no fact links to a non-official domain unmarked, on any bundled venue's page", async () => {
    const page = await browser.newPage();
    const offenders: string[] = [];
    let marked = 0;
    let links = 0;
    for (const p of profiles) {
      await page.goto(`${baseUrl}/venues/${p.venue}`, { waitUntil: "load" });
      await page.locator('[data-testid="fact"]').first().waitFor();
      const facts = await page.$$eval('[data-testid="fact"]', (els) =>
        els.map((el) => ({ key: el.getAttribute("data-key"), href: el.querySelector("a[href^='http'], a[href^='javascript'], a[href^='data']")?.getAttribute("href") ?? null, reason: el.querySelector('[data-testid="third-party-reason"]')?.textContent ?? null })),
      );
      for (const f of facts) {
        if (!f.href) continue;
        links++;
        if (f.reason) {
          marked++;
          continue;
        }
        if (!isOfficialUrl(f.href, p.officialDomains)) offenders.push(`${p.venue} ${f.key} ${f.href}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(links).toBeGreaterThan(100);
    expect(marked).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/venues/okx`, { waitUntil: "load" });
    const tardis = page.locator('[data-testid="fact"][data-key="transparency.public_liquidation_history"]');
    await expect(tardis.locator('[data-testid="third-party"]').innerText()).resolves.toBe("third-party");
    await expect(tardis.locator('[data-testid="third-party-reason"]').innerText()).resolves.toMatch(/data vendor/);
    await screenshot(page, "venue-third-party-source");
    await page.close();
  });
});
