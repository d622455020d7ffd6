import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { archiveLineBatches, archiveLines, csvRowBatches, type OpenedArchive } from "./read";

const opened = (chunks: (string | Buffer)[]): OpenedArchive => ({ compression: "none", entryName: "x.csv", stream: Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))) });

describe("archive lines read in batches", () => {
  it("splits across chunk edges, drops the \\r of \\r\\n, keeps a last line without a newline, numbers lines from 1", async () => {
    const lines: { line: string; lineNo: number }[] = [];
    for await (const l of archiveLines(opened(["a,1\r\nb,", "2\n", "\nc,3"]), "x.csv")) lines.push(l);
    expect(lines).toEqual([{ line: "a,1", lineNo: 1 }, { line: "b,2", lineNo: 2 }, { line: "", lineNo: 3 }, { line: "c,3", lineNo: 4 }]);
  });

  it("decodes a UTF-8 character split between two chunks", async () => {
    const bytes = Buffer.from("coin,哈基米\n");
    const cut = bytes.indexOf(Buffer.from("哈")) + 1;
    const out: string[] = [];
    for await (const b of archiveLineBatches(opened([bytes.subarray(0, cut), bytes.subarray(cut)]), "x.csv")) out.push(...b.lines);
    expect(out).toEqual(["coin,哈基米"]);
  });

  it("gives CSV rows with their file line numbers, cells trimmed, blank lines skipped", async () => {
    const got: { header: string[]; rows: string[][]; lines: number[] }[] = [];
    for await (const b of csvRowBatches(opened(["\uFEFFexchange, side\n", "bybit, buy \n\n", "bybit,sell\n"]), "x.csv")) got.push(b);
    expect(got.flatMap((b) => b.rows)).toEqual([["bybit", "buy"], ["bybit", "sell"]]);
    expect(got.flatMap((b) => b.lines)).toEqual([2, 4]);
    expect(got[0].header).toEqual(["exchange", "side"]);
  });

  it("reports a stream that fails as a read error naming the line reached", async () => {
    const stream = new Readable({ read() {} });
    stream.push("a\nb\n");
    setTimeout(() => stream.destroy(new Error("unexpected end of file")), 5);
    const a: OpenedArchive = { compression: "gzip", entryName: "x", stream };
    await expect((async () => { for await (const _ of archiveLineBatches(a, "x.gz")) void _; })()).rejects.toThrow("x.gz: read failed after line 2 (unexpected end of file); the archive may be truncated");
  });
});
