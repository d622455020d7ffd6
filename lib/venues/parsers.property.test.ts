// Hostile input for every connector's parser: random JSON of any shape never throws out of `parse` —
// it becomes rows that passed validation or rejections naming venue and field. The parsers are tested
// without the registry's safety net (guardedParse), so each must handle bad input itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unguardedConnectors } from "./registry";
import { DATA_KINDS } from "./types";
import { context } from "./test-kit";

const hostile = fc.oneof(
  fc.json().map((s) => JSON.parse(s) as unknown),
  fc.anything(),
  fc.record({ bids: fc.array(fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)))), asks: fc.array(fc.array(fc.oneof(fc.string(), fc.double()))) }),
  fc.array(fc.record({ symbol: fc.string(), fundingRate: fc.oneof(fc.string(), fc.double()), fundingTime: fc.oneof(fc.integer(), fc.string()) })),
);

describe.each(unguardedConnectors().map((c) => [c.info.slug, c] as const))("%s parser under hostile input", (_slug, connector) => {
  it.each(DATA_KINDS.map((k) => [k]))("%s: never throws, every row is finite and every rejection names a field", async (kind) => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.option(fc.string({ maxLength: 12 }), { nil: null }), async (body, symbol) => {
        const r = await connector.parse(kind, body, context(connector.info.slug, { symbol }));
        for (const rej of r.rejected) {
          expect(rej.venue).toBe(connector.info.slug);
          expect(typeof rej.field).toBe("string");
          expect(rej.message.length).toBeGreaterThan(0);
        }
        for (const row of r.rows as unknown as Record<string, unknown>[]) {
          for (const v of Object.values(row)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
