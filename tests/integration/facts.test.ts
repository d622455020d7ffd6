// Curated facts: loading profiles is idempotent, an analyst's edit is stored with who/when and changes the score.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { loadProfiles } from "../../lib/facts/load-profiles";
import { editFact, venueFacts } from "../../lib/services/facts";
import { getScorecard } from "../../lib/services/scorecard";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

describe("venue facts", () => {
  it("loads every bundled profile once; a second load changes nothing", async () => {
    const first = await loadProfiles(t.db, path.resolve("data/facts"));
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(first.every((r) => r.written > 0)).toBe(true);
    const second = await loadProfiles(t.db, path.resolve("data/facts"));
    expect(second.every((r) => r.written === 0)).toBe(true);
    const facts = await t.db.venueFact.count();
    expect(await t.db.venueFactRevision.count()).toBe(facts);
  });

  it("stores an analyst's correction with who and when, and the transparency score follows it", async () => {
    const before = await getScorecard(t.db, { notionalUsd: 1e6, window: { preset: "30d" }, asset: "BTC" });
    const okxBefore = before.find((r) => r.venue.slug === "okx")!.score.items.find((i) => i.id === "transparency")!;
    const edit = {
      venue: "okx",
      editedBy: "analyst@desk",
      fact: {
        item: "transparency" as const,
        key: "transparency.historical_data_downloads",
        status: "known" as const,
        value: "yes",
        sourceUrl: "https://www.okx.com/data-download",
        quote: "Test correction quote",
        asOf: "2026-11-25",
      },
    };
    const r = await editFact(t.db, edit);
    expect(r.changed).toBe(true);
    expect(r.fact.updatedBy).toBe("analyst@desk");
    expect(r.fact.revisions[0]).toMatchObject({ editedBy: "analyst@desk", value: "yes" });
    expect(r.fact.revisions.length).toBeGreaterThanOrEqual(1);
    const after = await getScorecard(t.db, { notionalUsd: 1e6, window: { preset: "30d" }, asset: "BTC" });
    const okxAfter = after.find((r) => r.venue.slug === "okx")!.score.items.find((i) => i.id === "transparency")!;
    const sub = (item: typeof okxAfter) => item.subScores.find((s) => s.id.includes("istorical") || s.label.toLowerCase().includes("historical"));
    // Unknown counted 0 before (scoring 2.0: a missing fact is 0, so "no" would change nothing); "yes" scores
    // 100 of the item's 9 facts: the item rises by 100 / 9.
    expect(sub(okxBefore)?.score).toBeNull();
    expect(sub(okxAfter)?.score).toBe(100);
    expect(okxAfter.score! - okxBefore.score!).toBeCloseTo(100 / 9, 9);
    const again = await editFact(t.db, edit);
    expect(again.changed).toBe(false);
    const facts = await venueFacts(t.db, "okx");
    expect(facts.find((f) => f.key === "transparency.historical_data_downloads")!.revisions).toHaveLength(r.fact.revisions.length);
  });

  it("stores each venue's official domains once and the third-party reason of a marked fact", async () => {
    const okx = await t.db.venue.findUniqueOrThrow({ where: { slug: "okx" } });
    expect((await t.db.venueOfficialDomain.findMany({ where: { venueId: okx.id }, orderBy: { domain: "asc" } })).map((d) => d.domain)).toEqual(["github.com/okxapi", "okx.com"]);
    await loadProfiles(t.db, path.resolve("data/facts"));
    expect(await t.db.venueOfficialDomain.count({ where: { venueId: okx.id } })).toBe(2);
    const tardis = await t.db.venueFact.findUniqueOrThrow({ where: { venueId_key: { venueId: okx.id, key: "transparency.public_liquidation_history" } } });
    expect(tardis.sourceUrl).toMatch(/^https:\/\/docs\.tardis\.dev\//);
    expect(tardis.thirdPartyReason).toMatch(/data vendor/);
  });

  it("the fact editor refuses a source off the venue's official domains unless it is marked third-party, and javascript: URLs outright", async () => {
    const fact = { item: "transparency" as const, key: "transparency.test_source", status: "known" as const, value: "yes", quote: "q", asOf: "2026-11-25" };
    await expect(editFact(t.db, { venue: "okx", editedBy: "analyst@desk", fact: { ...fact, sourceUrl: "https://okx-mirror.example.com/help" } })).rejects.toThrow(/not on an official domain of okx/);
    expect(await t.db.venueFact.count({ where: { key: "transparency.test_source" } })).toBe(0);
    const marked = await editFact(t.db, { venue: "okx", editedBy: "analyst@desk", fact: { ...fact, sourceUrl: "https://okx-mirror.example.com/help", thirdParty: { reason: "only copy of a withdrawn page" } } });
    expect(marked.fact.thirdPartyReason).toBe("only copy of a withdrawn page");
    const { FactEdit } = await import("../../lib/services/facts");
    const js = FactEdit.safeParse({ venue: "okx", editedBy: "analyst@desk", fact: { ...fact, sourceUrl: "javascript:alert(1)" } });
    expect(js.success).toBe(false);
    expect(js.error!.issues[0].path).toEqual(["fact", "sourceUrl"]);
  });
});
