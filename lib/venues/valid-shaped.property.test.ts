// Valid-shaped bodies with hostile values. The older property tests (parsers.property.test.ts,
// margin.property.test.ts) throw random shapes at the parsers, and almost none of those bodies get past the
// payload schema, so their row invariants were seldom exercised. Here every case starts from a recorded
// fixture that parses to rows, and up to three of its number-like leaves are replaced by hostile values
// (NaN strings, negatives, zero, 1e12, 1e400, null, ...). Through the registry (parser + safety net +
// shared row checks) every stored row must be sound; the test counts how many cases reached the row checks
// (produced at least one row) so it cannot silently stop exercising them.
import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allConnectors, unguardedConnectors } from "./registry";
import { DATA_KINDS, type DataKind, type MarginRow } from "./types";
import { context, FIXTURES_DIR, readFixture } from "./test-kit";
import { epochMsProblem } from "./timestamps";

interface Pair {
  slug: string;
  kind: DataKind;
  file: string;
  body: unknown;
  leaves: (string | number)[][];
}

/** Paths of number-like leaves (numbers and numeric strings) of a body. */
function numberLeaves(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)))) out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => numberLeaves(x, [...path, i], out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) numberLeaves(x, [...path, k], out);
  return out;
}

function setAt(body: unknown, path: (string | number)[], value: unknown): void {
  let o = body as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
}

// Every (venue, kind, fixture) whose recorded body parses to at least one row with a default context.
const PAIRS: Pair[] = [];
for (const c of allConnectors()) {
  const dir = `${FIXTURES_DIR}/${c.info.slug}`;
  if (!fs.existsSync(dir)) continue;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const body = readFixture(`${c.info.slug}/${file}`);
    for (const kind of DATA_KINDS) {
      const r = await c.parse(kind, structuredClone(body), context(c.info.slug));
      if (r.rows.length > 0) PAIRS.push({ slug: c.info.slug, kind, file, body, leaves: numberLeaves(body) });
    }
  }
}

const HOSTILE = ["NaN", "", "-1", -1, 0, "0", -0.5, 1e12, "1e12", 1e-300, "1e400", -1e9, null, "abc", 1e308, "Infinity"] as const;
const edits = (leafCount: number) =>
  fc.array(fc.tuple(fc.nat({ max: Math.max(0, leafCount - 1) }), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 3 });

const finite = (v: unknown) => typeof v !== "number" || Number.isFinite(v);
const saneTs = (v: unknown) => typeof v === "number" && epochMsProblem(v) === null;

/** The invariants every stored row keeps, checked here independently of lib/venues/row-checks.ts. */
function expectSoundRow(kind: DataKind, row: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(row)) expect(finite(v), `${kind}.${k} = ${v}`).toBe(true);
  switch (kind) {
    case "depth":
      for (const side of ["bids", "asks"] as const) for (const [p, s] of row[side] as number[][]) {
        expect(p > 0 && Number.isFinite(p), `${side} price ${p}`).toBe(true);
        expect(s >= 0 && Number.isFinite(s), `${side} size ${s}`).toBe(true);
      }
      expect(saneTs(row.receivedTs)).toBe(true);
      break;
    case "funding":
      expect(saneTs(row.fundingTime), `fundingTime ${row.fundingTime}`).toBe(true);
      expect(Math.abs(row.rate as number) <= 1, `rate ${row.rate}`).toBe(true);
      for (const k of ["markPrice", "indexPrice"]) if (row[k] != null) expect((row[k] as number) > 0, `${k} ${row[k]}`).toBe(true);
      break;
    case "markets":
      expect((row.contractSize as number) > 0, `contractSize ${row.contractSize}`).toBe(true);
      if (row.tickSize != null) expect((row.tickSize as number) > 0, `tickSize ${row.tickSize}`).toBe(true);
      break;
    case "liquidations":
      expect(saneTs(row.ts)).toBe(true);
      for (const k of ["price", "sizeBase", "notionalUsd"]) expect((row[k] as number) > 0, `${k} ${row[k]}`).toBe(true);
      break;
    case "oi":
      expect(saneTs(row.ts)).toBe(true);
      expect((row.sizeBase as number) >= 0, `sizeBase ${row.sizeBase}`).toBe(true);
      break;
    case "insurance":
      expect(saneTs(row.ts)).toBe(true);
      expect((row.balanceUsd as number) >= 0).toBe(true);
      break;
    case "fees":
      expect(Math.abs(row.makerRate as number) <= 1 && Math.abs(row.takerRate as number) <= 1).toBe(true);
      break;
    case "margin": {
      const m = row as unknown as MarginRow;
      expect(saneTs(m.asOf)).toBe(true);
      if (m.type === "tiers") {
        expect(m.tiers.length).toBeGreaterThan(0);
        expect(m.tiers[0].notionalFloorUsd).toBe(0);
        m.tiers.forEach((t, i) => {
          for (const v of Object.values(t)) expect(finite(v)).toBe(true);
          expect(t.tier).toBe(i + 1);
          expect(t.maxLeverage).toBeGreaterThanOrEqual(1);
          expect(t.maintenanceMarginRate).toBeLessThanOrEqual(t.initialMarginRate);
        });
      }
      break;
    }
  }
}

describe("valid-shaped bodies with hostile values, through the registry", () => {
  it("finds enough recorded bodies that parse to rows (every venue, most kinds)", () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PAIRS.map((p) => p.slug)).size).toBe(allConnectors().length);
    expect(PAIRS.filter((p) => p.kind === "margin").length).toBeGreaterThanOrEqual(4);
  });

  it("never throws, stores only sound rows, and most cases reach the row checks", async () => {
    let cases = 0;
    let reached = 0;
    let tierTables = 0;
    let rejectedRows = 0;
    for (const pair of PAIRS) {
      const connector = allConnectors().find((c) => c.info.slug === pair.slug)!;
      await fc.assert(
        fc.asyncProperty(edits(pair.leaves.length), async (changes) => {
          const body = structuredClone(pair.body);
          for (const [i, v] of changes) if (pair.leaves[i]) setAt(body, pair.leaves[i], v);
          const r = await connector.parse(pair.kind, body, context(pair.slug));
          cases++;
          if (r.rows.length > 0) reached++;
          rejectedRows += r.rejected.length;
          for (const rej of r.rejected) {
            expect(rej.venue).toBe(pair.slug);
            expect(rej.field.length, JSON.stringify(rej)).toBeGreaterThan(0);
          }
          for (const row of r.rows as unknown as Record<string, unknown>[]) {
            expectSoundRow(pair.kind, row);
            if (pair.kind === "margin" && (row as { type?: string }).type === "tiers") tierTables++;
          }
        }),
        { numRuns: 12, seed: 2026 },
      );
    }
    console.info(`valid-shaped: ${cases} cases, ${reached} reached the row checks, ${tierTables} tier tables, ${rejectedRows} rejections`);
    expect(cases).toBe(PAIRS.length * 12);
    // Most edits hit one record among many, so most cases still store rows: the checks are exercised.
    expect(reached / cases).toBeGreaterThan(0.6);
    expect(tierTables).toBeGreaterThan(100);
    expect(rejectedRows).toBeGreaterThan(0);
  }, 300_000);
});

describe("digit counts (ccxt expands them into strings of that many digits)", () => {
  const withCounts = [
    ["binance-usdm", "markets", "exchangeInfo_2021-07-22.json", ["symbols", 0, "quantityPrecision"]],
    ["bitget", "markets", "ccxt_static_markets_swap_contract_records.json", null],
    ["hyperliquid", "markets", "meta_2023-07-17.json", ["universe", 0, "szDecimals"]],
  ] as const;

  it.each(withCounts)("%s %s: a digit count of 1e12 is refused at once by name; the other markets are kept", async (slug, kind, file, path) => {
    const connector = unguardedConnectors().find((c) => c.info.slug === slug)!;
    const body = structuredClone(readFixture(`${slug}/${file}`)) as Record<string, unknown>;
    const target = path ?? digitCountPath(body);
    expect(target, "fixture has a digit-count field").not.toBeNull();
    setAt(body, target as (string | number)[], 1e12);
    const before = (await connector.parse(kind, structuredClone(readFixture(`${slug}/${file}`)), context(slug))).rows.length;
    const t0 = Date.now();
    const r = await connector.parse(kind, body, context(slug));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.rejected.length).toBeGreaterThan(0);
    expect(r.rejected.map((x) => x.field).join(" ")).toMatch(/precision|decimals|place/i);
    expect(r.rows.length).toBeGreaterThanOrEqual(before - 1);
  }, 60_000);
});

/** First key of a body that names a digit count (…Precision, …Decimals, …Place). */
function digitCountPath(v: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = digitCountPath(v[i], [...path, i]);
      if (p) return p;
    }
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (/(precision|decimals|place)$/i.test(k) && (typeof x === "number" || typeof x === "string")) return [...path, k];
      const p = digitCountPath(x, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}
