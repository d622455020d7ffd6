// With ADMIN_TOKEN set, every mutating endpoint answers 401 without the token, accepts the bearer header,
// and accepts a browser that signed in at /admin (httpOnly cookie).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server";
import { launchBrowser, screenshot, type TestBrowser } from "./browser";

const TOKEN = "e2e-admin-token-0123456789";
let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_TOKEN: TOKEN, VENUESCOPE_SKIP_SIMULATED: "1" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const fact = {
  venue: "okx",
  editedBy: "e2e analyst",
  fact: { item: "fees", key: "fees.maker_rebate", status: "known", value: "yes, up to 0.005 %", sourceUrl: "https://www.okx.com/fees", quote: "Maker rebates apply to VIP tiers", asOf: "2026-11-25" },
};
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("admin token", () => {
  it("refuses mutations without the token (401) and accepts the bearer header", async () => {
    for (const [path, body] of [
      ["/api/facts", fact],
      ["/api/weight-profiles", { name: "e2e", weights: { depth: 50 } }],
      ["/api/reports", { capitalUsd: 1e6, targetNotionalUsd: 1e5, budgetBps: 10 }],
      // Running a stress test changes nothing; saving the run does.
      ["/api/stress", { portfolio: { positions: [] }, scenario: "crash-gap", save: true }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error, path).toMatch(/admin token/);
    }
    const ok = await post("/api/facts", fact, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect((await ok.json()).fact.updatedBy).toBe("e2e analyst");
    const wrong = await post("/api/facts", fact, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
  });

  it("lets a browser sign in at /admin, then save", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByLabel("Admin token").fill("wrong-token-wrong-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("wrong admin token").waitFor();
    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in:").waitFor();
    await screenshot(page, "admin");
    const status = await page.evaluate(async (body) => {
      const res = await fetch("/api/facts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return res.status;
    }, { ...fact, fact: { ...fact.fact, value: "yes, VIP tiers only" } });
    expect(status).toBe(200);
    const cookies = await browser.context.cookies(server.baseUrl);
    const c = cookies.find((x) => x.name === "venuescope_admin");
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe("Strict");
    await page.close();
  });
});
