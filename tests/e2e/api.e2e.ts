import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

describe("API against the running server", () => {
  it("GET /api/coverage returns the bootstrapped venues with counts from the database", async () => {
    const res = await fetch(`${baseUrl}/api/coverage`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await res.json()) as { slug: string; markets: { symbol: string; funding: { count: number } }[] }[];
    const binance = body.find((v) => v.slug === "binance-usdm");
    expect(binance?.markets.find((m) => m.symbol === "BTCUSDT")?.funding.count).toBe(100);
  });
});
