// Official-source rule: every bundled fact cites an https page on one of its venue's official domains or
// carries a third-party mark with a reason; javascript:, data: and http: sources are refused.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readProfiles } from "../facts/load-profiles";
import { FactInput, VenueProfile } from "../facts/schema";
import { isOfficialUrl } from "./official";

const fact = (sourceUrl: string, extra: object = {}) => ({ item: "funding", key: "funding.cap", status: "known", value: "yes", sourceUrl, quote: "caps apply", asOf: "2026-11-25", ...extra });

describe("official sources", () => {
  it("every bundled fact cites an official domain of its venue or is marked third-party with a reason", () => {
    const offenders: string[] = [];
    for (const r of readProfiles(path.resolve("data/facts"))) {
      expect(r.errors).toEqual([]);
      for (const f of r.profile!.facts) {
        if (f.sourceUrl && !f.thirdParty && !isOfficialUrl(f.sourceUrl, r.profile!.officialDomains)) offenders.push(`${r.venue} ${f.key} ${f.sourceUrl}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("no bundled fact cites a known mirror or unofficial copy, marked or not", () => {
    const mirrors = /viigoo|supdljgzdhc|ouchyi|bybitgum|bitapps|bybitglobal|bitgetapp|bitget\.(cloud|club|org)|bgportable|notional\.xyz|xunroll|hyperliquid-co\.gitbook/;
    const hits = readProfiles(path.resolve("data/facts")).flatMap((r) => r.profile!.facts.filter((f) => f.sourceUrl && mirrors.test(f.sourceUrl)).map((f) => `${r.venue} ${f.key} ${f.sourceUrl}`));
    expect(hits).toEqual([]);
    // Nor does any curated margin file or incident ledger, in a source field or a note.
    const curated = ["data/margin", "data/incidents"].flatMap((dir) =>
      fs.readdirSync(dir).filter((n) => n.endsWith(".json")).flatMap((n) => (fs.readFileSync(path.join(dir, n), "utf8").match(/https?:\/\/[^\s"')]+/g) ?? []).filter((u) => mirrors.test(u)).map((u) => `${dir}/${n} ${u}`)),
    );
    expect(curated).toEqual([]);
  });

  it("matches a listed domain and its subdomains, and a GitHub org only under its own path", () => {
    const d = ["okx.com", "github.com/okxapi"];
    expect(isOfficialUrl("https://www.okx.com/help/x", d)).toBe(true);
    expect(isOfficialUrl("https://okx.com/", d)).toBe(true);
    expect(isOfficialUrl("https://evilokx.com/help", d)).toBe(false);
    expect(isOfficialUrl("https://okx.com.evil.io/help", d)).toBe(false);
    expect(isOfficialUrl("https://github.com/okxapi/python-okx", d)).toBe(true);
    expect(isOfficialUrl("https://github.com/someone/okx-mirror", d)).toBe(false);
    expect(isOfficialUrl("http://www.okx.com/help/x", d)).toBe(false);
  });

  it("refuses javascript:, data: and http: source URLs, naming the field", () => {
    for (const u of ["javascript:alert(1)", "data:text/html,<b>x</b>", "http://www.okx.com/help"]) {
      const r = FactInput.safeParse(fact(u));
      expect(r.success, u).toBe(false);
      expect(r.error!.issues[0].path).toEqual(["sourceUrl"]);
    }
    expect(FactInput.safeParse(fact("https://www.okx.com/help")).success).toBe(true);
  });

  it("a profile refuses an unofficial source unless the fact is marked third-party with a reason", () => {
    const base = { venue: "okx", officialDomains: ["okx.com"] };
    const bad = VenueProfile.safeParse({ ...base, facts: [fact("https://docs.tardis.dev/x")] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(["facts", 0, "sourceUrl"]);
    expect(bad.error!.issues[0].message).toContain("not on an official domain of okx");
    expect(VenueProfile.safeParse({ ...base, facts: [fact("https://docs.tardis.dev/x", { thirdParty: { reason: "data vendor's history feed" } })] }).success).toBe(true);
    expect(VenueProfile.safeParse({ ...base, facts: [fact("https://docs.tardis.dev/x", { thirdParty: { reason: "" } })] }).success).toBe(false);
    expect(VenueProfile.safeParse({ venue: "okx", facts: [] }).success).toBe(false);
  });
});
