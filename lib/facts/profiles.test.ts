// Every curated fact in data/facts must carry a source URL, a quote and a date (or be an explicit
// "unknown" with a note): this test fails the suite on an unsourced fact.
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { readProfiles } from "./load-profiles";
import { FactInput } from "./schema";

describe("curated venue profiles", () => {
  it("every profile file validates: known facts are sourced, quoted and dated", () => {
    const results = readProfiles(path.resolve("data/facts"));
    const bad = results.filter((r) => !r.ok).map((r) => `${path.basename(r.file)}: ${r.errors.slice(0, 5).join("; ")}`);
    expect(bad).toEqual([]);
  });

  it("rejects a known fact without a source, quote or date", () => {
    const noSource = FactInput.safeParse({ item: "funding", key: "funding.cap_published", status: "known", value: "yes", asOf: "2026-11-25", quote: "caps apply" });
    expect(noSource.success).toBe(false);
    expect(JSON.stringify(noSource.error?.issues)).toContain("needs a source URL");
    const noQuote = FactInput.safeParse({ item: "funding", key: "funding.cap_published", status: "known", value: "yes", asOf: "2026-11-25", sourceUrl: "https://example.com/doc" });
    expect(JSON.stringify(noQuote.error?.issues)).toContain("needs a quote");
    const noDate = FactInput.safeParse({ item: "funding", key: "funding.cap_published", status: "known", value: "yes", sourceUrl: "https://example.com/doc", quote: "caps apply" });
    expect(noDate.success).toBe(false);
    const unknownNoNote = FactInput.safeParse({ item: "funding", key: "funding.cap_published", status: "unknown", value: "unknown", asOf: "2026-11-25" });
    expect(JSON.stringify(unknownNoNote.error?.issues)).toContain("needs a note");
  });

  it("reports an unsourced fact in a profile file with its file and field", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facts-"));
    fs.writeFileSync(path.join(dir, "x.json"), JSON.stringify({ venue: "okx", officialDomains: ["okx.com"], facts: [{ item: "fees", key: "fees.maker_rebate", status: "known", value: "yes", asOf: "2026-11-25" }] }));
    const [r] = readProfiles(dir);
    expect(r.ok).toBe(false);
    expect(r.errors.join(" ")).toMatch(/facts\.0\.sourceUrl: fact fees\.maker_rebate: a known fact needs a source URL/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
