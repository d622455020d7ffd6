// An analyst corrects a curated fact on the venue page: the new value shows with who changed it, and the
// checklist item that reads the fact is re-scored.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("editing a curated fact", () => {
  it("stores the correction with its author and re-scores the transparency item", async () => {
    const page = await browser.newPage();
    // OKX has no BTC market with data (the page opens on none since scoring 2.0): pick its one market with a book.
    await page.goto(`${baseUrl}/venues/okx?symbol=UNI-USD-SWAP`, { waitUntil: "load" });
    const fact = page.locator('[data-testid="fact"][data-key="transparency.historical_data_downloads"]');
    await fact.waitFor();
    const transparency = page.locator('[data-item="transparency"] summary');
    const before = await transparency.innerText();
    await fact.getByRole("button", { name: /Correct transparency\.historical_data_downloads/ }).click();
    const form = page.getByRole("form", { name: /Correct transparency\.historical_data_downloads/ });
    await form.getByLabel("Status").selectOption("known");
    // "yes": under scoring 2.0 an unknown fact already counts 0, so only a "yes" moves the item.
    await form.getByLabel("Value").fill("yes");
    await form.getByLabel("Source URL").fill("https://www.okx.com/data-download");
    await form.getByLabel("Quote from the source").fill("Historical data is offered for download (e2e correction).");
    await form.getByLabel("Your name").fill("E2E Analyst");
    await form.getByRole("button", { name: "Save fact" }).click();
    await fact.getByText("last changed by E2E Analyst").waitFor();
    await expect(fact.locator("strong").first().innerText()).resolves.toBe("yes");
    await page.waitForFunction((b) => document.querySelector('[data-item="transparency"] summary')?.textContent !== b, before);
    expect(await transparency.innerText()).not.toBe(before);
    await screenshot(page, "venue-fact-edited");
    // The history keeps both the bundled value and the correction.
    const facts = (await (await fetch(`${baseUrl}/api/facts?venue=okx`)).json()) as { key: string; revisions: { editedBy: string }[] }[];
    const revs = facts.find((f) => f.key === "transparency.historical_data_downloads")!.revisions.map((r) => r.editedBy);
    expect(revs).toEqual(["E2E Analyst", "profile file"]);
    await page.close();
  });

  it("shows field errors for an unsourced fact", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/venues/okx`, { waitUntil: "load" });
    await page.getByRole("button", { name: "Add a fact" }).click();
    const form = page.getByRole("form", { name: "Add a fact" });
    await form.getByLabel("Fact key").fill("fees.e2e_test");
    await form.getByLabel("Value").fill("yes");
    await form.getByLabel("Your name").fill("E2E Analyst");
    await form.getByRole("button", { name: "Save fact" }).click();
    await form.getByText("a known fact needs a source URL").first().waitFor();
    await page.close();
  });
});
