// The dashboard's JSON routes against the running server: series, venue profile and market checklist,
// data status and weight profiles — including 422 with field errors on bad input and 404 on unknown names.
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const get = (path: string) => fetch(`${baseUrl}${path}`);
const post = (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${baseUrl}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("GET /api/series", () => {
  it("returns the thinned slippage series, stress windows and funding of a market", async () => {
    const res = await get("/api/series?venue=binance-usdm&symbol=BTCUSDT&notional=1000000&window=all");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { slippage: { points: { ts: number; buyBps: number | null }[]; provenance: string[] }; stressWindows: unknown[]; funding: { count: number; points: { aprSimple: number | null }[] } };
    expect(body.slippage.points.length).toBeGreaterThanOrEqual(1);
    expect(body.slippage.points.length).toBeLessThanOrEqual(600);
    expect(body.slippage.provenance).toEqual(["recorded"]);
    expect(Array.isArray(body.stressWindows)).toBe(true);
    expect(body.funding.count).toBeGreaterThanOrEqual(100);
  });

  it("answers 422 with field errors on bad input and 404 for an unknown market", async () => {
    for (const q of ["venue=binance-usdm", "venue=binance-usdm&symbol=BTCUSDT&notional=-5", "venue=binance-usdm&symbol=BTCUSDT&window=2w", "venue=binance-usdm&symbol=BTCUSDT&from=2024-01-01"]) {
      const res = await get(`/api/series?${q}`);
      expect(res.status, q).toBe(422);
      const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
      expect(body.error).toBe("invalid input");
      expect(Object.keys(body.fields).length).toBeGreaterThan(0);
    }
    expect((await get("/api/series?venue=binance-usdm&symbol=NOPE")).status).toBe(404);
  });
});

describe("GET /api/scorecard", () => {
  it("carries each venue's figures with the stress windows and liquidation days counted, the market route whole", async () => {
    const res = await get("/api/scorecard?notional=1000000&window=all&simulated=show");
    expect(res.status).toBe(200);
    type Figures = { stress: { windowCount: number; windows?: unknown } | null; liquidations: { dayCount: number; perDay?: unknown } | null; realized?: { stressWindowCount: number; stressWindows?: unknown } | null } | null;
    const body = (await res.json()) as { venues: { venue: { slug: string }; market: { symbol: string } | null; figures: Figures }[] };
    const withStress = body.venues.filter((v) => v.figures?.stress);
    const withLiqs = body.venues.filter((v) => v.figures?.liquidations);
    expect(withStress.length).toBeGreaterThan(0);
    expect(withLiqs.length).toBeGreaterThan(0);
    for (const v of body.venues) {
      expect(v.figures?.stress?.windows).toBeUndefined();
      expect(v.figures?.liquidations?.perDay).toBeUndefined();
      expect(v.figures?.realized?.stressWindows).toBeUndefined();
    }
    // The counts are the lists the market route carries whole, for the same market and window.
    for (const v of [withStress[0], withLiqs[0]]) {
      const m = await get(`/api/venues/${v.venue.slug}/market?symbol=${v.market!.symbol}&notional=1000000&window=all`);
      expect(m.status).toBe(200);
      const full = (await m.json()) as { figures: { stress: { windows: unknown[] } | null; liquidations: { perDay: unknown[] } | null } };
      if (v.figures!.stress) expect(v.figures!.stress.windowCount).toBe(full.figures.stress!.windows.length);
      if (v.figures!.liquidations) expect(v.figures!.liquidations.dayCount).toBe(full.figures.liquidations!.perDay.length);
    }
  });
});

describe("GET /api/venues/:slug and /api/venues/:slug/market", () => {
  it("returns a venue's profile, 404 for an unknown one, 422 for a malformed slug", async () => {
    const res = await get("/api/venues/binance-usdm");
    expect(res.status).toBe(200);
    const p = (await res.json()) as { venue: { name: string }; defaultSymbol: string; has: { insurance: boolean }; fees: unknown[] };
    expect(p.venue.name).toBe("Binance USD-M Futures");
    expect(p.defaultSymbol).toBe("BTCUSDT");
    // Binance publishes its insurance balance (GET /fapi/v1/insuranceBalance, issue #22 point 3).
    expect(p.has.insurance).toBe(true);
    expect((await (await get("/api/venues/hyperliquid")).json()).has.insurance).toBe(false);
    expect(p.fees.length).toBeGreaterThan(0);
    expect((await get("/api/venues/no-such-venue")).status).toBe(404);
    expect((await get("/api/venues/Bad_Slug!")).status).toBe(422);
  });

  it("returns one market's figures and checklist, 422 without a symbol", async () => {
    const res = await get("/api/venues/binance-usdm/market?symbol=BTCUSDT&notional=100000&window=30d");
    expect(res.status).toBe(200);
    const m = (await res.json()) as { figures: { notionalUsd: number; curve: unknown[] }; score: { items: { id: string; evidence: unknown[] }[] } };
    expect(m.figures.notionalUsd).toBe(100000);
    expect(m.figures.curve.length).toBeGreaterThan(5);
    expect(m.score.items.map((i) => i.id)).toEqual(["depth", "stress", "funding", "liquidation", "fees", "resiliency", "transparency"]);
    expect((await get("/api/venues/binance-usdm/market")).status).toBe(422);
    expect((await get("/api/venues/binance-usdm/market?symbol=BTCUSDT&notional=abc")).status).toBe(422);
  });
});

describe("GET /api/data-status", () => {
  it("lists ingest runs latest first with freshness and the day grid", async () => {
    const res = await get("/api/data-status?pageSize=5");
    expect(res.status).toBe(200);
    const s = (await res.json()) as { runs: { items: { id: number; startedAt: string }[]; total: number; pageSize: number }; freshness: { slug: string }[]; grid: { days: string[] } };
    expect(s.runs.items.length).toBeGreaterThan(0);
    expect(s.runs.items.length).toBeLessThanOrEqual(5);
    expect(s.runs.total).toBeGreaterThanOrEqual(18);
    expect(s.freshness.some((v) => v.slug === "binance-usdm")).toBe(true);
    expect(s.grid.days).toHaveLength(60);
  });

  it("answers 422 on a bad page, page size or filter", async () => {
    for (const q of ["page=0", "page=x", "pageSize=1000", "runs=some", "days=0"]) expect((await get(`/api/data-status?${q}`)).status, q).toBe(422);
  });
});

describe("GET /api/events", () => {
  it("lists change events newest first (a fresh start records none: first loads are not changes)", async () => {
    const res = await get("/api/events?limit=10&simulated=show");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { id: number; provenance: string }[]; nextBefore: number | null };
    expect(Array.isArray(body.events)).toBe(true);
    expect(body.events.length).toBeLessThanOrEqual(10);
    const ids = body.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("answers 422 with field errors and the security headers on bad parameters", async () => {
    for (const q of ["limit=0", "limit=201", "kind=price", "venue=Not_A_Slug", "before=-1", "simulated=maybe"]) {
      const res = await get(`/api/events?${q}`);
      expect(res.status, q).toBe(422);
      expect(((await res.json()) as { error: string }).error).toBe("invalid input");
      expect(res.headers.get("x-content-type-options"), q).toBe("nosniff");
    }
  });
});

describe("/api/weight-profiles", () => {
  it("saves a profile (201), lists it, and replaces it when saved again under the same name", async () => {
    const res = await post("/api/weight-profiles", { name: "API desk", weights: { depth: 40, fees: 20 } });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: number; weights: Record<string, number> };
    expect(saved.weights).toMatchObject({ depth: 40, fees: 20, stress: 15 });
    const again = (await (await post("/api/weight-profiles", { name: "API desk", weights: { depth: 5 } })).json()) as { id: number; weights: Record<string, number> };
    expect(again.id).toBe(saved.id);
    expect(again.weights.depth).toBe(5);
    const list = (await (await get("/api/weight-profiles")).json()) as { name: string }[];
    expect(list.filter((p) => p.name === "API desk")).toHaveLength(1);
  });

  it("answers 422 with field errors on bad input, 400 on a body that is not JSON, 415 without a JSON content type", async () => {
    const bad: [unknown, string][] = [
      [{ name: "", weights: { depth: 10 } }, "name"],
      [{ name: "x", weights: { depth: -1 } }, "weights.depth"],
      [{ name: "x", weights: { depth: "ten" } }, "weights.depth"],
      [{ name: "x", weights: { leverage: 10 } }, "weights.leverage"],
      [{ name: "x" }, "weights"],
      [{ name: "<b>x</b>", weights: { depth: 1 } }, "name"],
    ];
    for (const [body, field] of bad) {
      const res = await post("/api/weight-profiles", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const err = (await res.json()) as { fields: Record<string, string[]> };
      expect(Object.keys(err.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await post("/api/weight-profiles", "{not json")).status).toBe(400);
    expect((await post("/api/weight-profiles", { name: "x", weights: { depth: 1 } }, { "content-type": "text/plain" })).status).toBe(415);
  });
});
