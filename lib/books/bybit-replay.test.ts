// Bybit ob500 archive replay on the real XRPUSDT file of 2024-12-01 (1 snapshot + 49 deltas, 00:00:00.691–00:00:05.490
// UTC, u 20254869..20254918 without a hole). Figures checked by an independent replay written for the purpose.
import { describe, expect, it } from "vitest";
import { replayRecording, type ReplaySample } from "./book-replay";
import { archiveLines, openArchive } from "../archives/read";
import { detectFormat } from "../archives/formats";

const ZIP = "tests/fixtures/bybit/2024-12-01_XRPUSDT_ob500.data.zip";

async function realLines() {
  const out: { line: string; lineNo: number }[] = [];
  for await (const l of archiveLines(await openArchive(ZIP), ZIP)) if (l.line.trim()) out.push(l);
  return out;
}
/** Base quantity of the bids within 1 % of the best bid. */
const bidQtyWithin1Pct = (s: ReplaySample) => s.bids.filter(([p]) => p >= s.bids[0][0] * 0.99).reduce((a, [, q]) => a + q, 0);
const top = (s: ReplaySample) => [s.ts, s.bids.length, s.asks.length, s.bids[0], s.asks[0], s.partial];

describe("Bybit ob500 archive replay", () => {
  it("is recognised by its first line", async () => {
    const [first] = await realLines();
    expect(detectFormat("2024-12-01_XRPUSDT_ob500.data", first.line)).toBe("bybit-ob500");
  });

  it("rebuilds the book from the snapshot and 49 deltas; at the default 1-minute cadence one sample, the snapshot", async () => {
    const r = await replayRecording("bybit", await realLines());
    expect([r.symbol, r.messages, r.bookMessages, r.snapshotsSeen, r.gaps, r.badLines, r.partial]).toEqual(["XRPUSDT", 50, 50, 1, [], [], false]);
    expect([r.firstTs, r.lastTs]).toEqual([1733011200691, 1733011205490]);
    expect(r.samples.map(top)).toEqual([[1733011200691, 500, 500, [1.9531, 6203], [1.9532, 10480], false]]);
    expect(bidQtyWithin1Pct(r.samples[0])).toBe(4038605);
  });

  it("at a 1-second cadence samples the first message at or after each second, the deltas applied", async () => {
    const r = await replayRecording("bybit", await realLines(), 1000);
    expect(r.samples.map(top)).toEqual([
      [1733011200691, 500, 500, [1.9531, 6203], [1.9532, 10480], false],
      [1733011201091, 500, 500, [1.9531, 18677], [1.9532, 7969], false],
      [1733011202090, 500, 500, [1.9533, 7183], [1.9534, 1178], false],
      [1733011203090, 500, 500, [1.9534, 6504], [1.9535, 7248], false],
      [1733011204090, 500, 500, [1.9535, 10072], [1.9536, 11294], false],
      [1733011205090, 500, 500, [1.9537, 10095], [1.9538, 9015], false],
    ]);
    expect(r.samples.map(bidQtyWithin1Pct)).toEqual([4038605, 4050274, 4065688, 4051702, 4036470, 4058499]);
  });

  it("a missing delta is a sequence gap: recorded, the book dropped and partial until a snapshot (none follows here)", async () => {
    const lines = await realLines();
    lines.splice(10, 1); // the delta with u 20254879
    const r = await replayRecording("bybit", lines, 1000);
    expect(r.gaps).toEqual([{ ts: 1733011201690, expectedPu: 20254878, gotPu: 20254879 }]);
    expect(r.samples.map((s) => [s.ts, s.bids.length, s.asks.length, s.partial])).toEqual([
      [1733011200691, 500, 500, false],
      [1733011201091, 500, 500, false],
      [1733011202090, 33, 35, true],
      [1733011203090, 190, 196, true],
      [1733011204090, 205, 207, true],
      [1733011205090, 217, 211, true],
    ]);
    expect(r.partial).toBe(true);
    expect(r.partialReason).toMatch(/sequence gap/);
  });

  it("a stream that starts with deltas is partial until its first snapshot, which resets the book", async () => {
    const lines = await realLines();
    const r = await replayRecording("bybit", [...lines.slice(1, 5), lines[0], ...lines.slice(1)], 1000);
    // the snapshot (u 20254869) arrives after deltas up to 20254872: a restart, not a gap; deltas then follow it
    expect(r.samples[0]).toMatchObject({ ts: 1733011200693, partial: true });
    expect([r.samples[0].bids.length, r.samples[0].asks.length]).toEqual([13, 22]);
    expect(r.snapshotsSeen).toBe(1);
    expect(r.gaps).toEqual([]);
    expect(r.samples.at(-1)).toMatchObject({ ts: 1733011205090, partial: false });
    expect(r.samples.at(-1)!.bids[0]).toEqual([1.9537, 10095]);
  });

  it("a bad level is named by field and line; the message is left out, so the next delta shows as a gap", async () => {
    const lines = await realLines();
    lines[2] = { ...lines[2], line: lines[2].line.replace('"b":[["', '"b":[["x') };
    const r = await replayRecording("bybit", lines, 60_000);
    expect(r.badLines).toEqual([{ line: 3, field: "data.b[0]", message: expect.stringContaining("not a [price, size] level") }]);
    expect(r.gaps).toHaveLength(1);
  });
});
