// The live term-quote fetch of every venue with dated futures, against the venues themselves (LIVE=1): each gives a
// BTC curve — at least one dated future expiring after its quote time, with a mark and an index — and the perpetual
// beside it, parsed by the same parser as the recorded bodies.
import { describe, expect, it } from "vitest";
import { createVenueHttp } from "./http";
import { connectorFor } from "./registry";
import { TERM_QUOTE_FETCHERS } from "./term-fetchers";
import { termQuoteParserFor, TERM_QUOTE_VENUES } from "./dated-futures";
import { curvesOnly, mergeTermQuoteSets } from "./dated-futures-kit";

describe("term-quote fetchers", () => {
  it("cover exactly the venues with a term-quote parser", () => {
    expect(Object.keys(TERM_QUOTE_FETCHERS).sort()).toEqual([...TERM_QUOTE_VENUES].sort());
  });
});

describe.skipIf(process.env.LIVE !== "1")("term quotes live", () => {
  for (const venue of TERM_QUOTE_VENUES) {
    it(`${venue}: a BTC curve and its perpetual`, async () => {
      const http = createVenueHttp(connectorFor(venue));
      await TERM_QUOTE_FETCHERS[venue](http, ["BTC"]);
      const set = curvesOnly(mergeTermQuoteSets(http.captures.map((c) => termQuoteParserFor(venue)(c.body))), ["BTC"]);
      expect(set.futures.length).toBeGreaterThan(0);
      for (const f of set.futures) {
        expect(f.expiryTs).toBeGreaterThan(f.ts);
        expect(f.markPrice).toBeGreaterThan(1000);
        expect(f.indexPrice).toBeGreaterThan(1000);
      }
      expect(set.perps.length).toBeGreaterThan(0);
    }, 60_000);
  }
});
