import { describe, expect, it } from "vitest";
import { formatProgressBar, progressSink } from "./progress";

describe("progress bar", () => {
  it("shows steps, rows/s, bytes/s and an ETA from the pace so far", () => {
    // 3 of 10 days in 30 s: 10 s a day, 7 left → 70 s; 9,000 rows / 30 s = 300 rows/s; 3 MiB / 30 s ≈ 102 KiB/s
    expect(formatProgressBar({ label: "BTCUSDT depth", done: 3, total: 10, rows: 9000, bytes: 3 * 1024 * 1024, elapsedMs: 30_000 }, 10)).toBe(
      "[###-------] 3/10 BTCUSDT depth · 300 rows/s · 102 KiB/s · ETA 1m10s",
    );
    expect(formatProgressBar({ label: "x", done: 0, total: 4, rows: 0, bytes: 0, elapsedMs: 0 }, 4)).toBe("[----] 0/4 x · 0 rows/s · ETA …");
    expect(formatProgressBar({ label: "x", done: 4, total: 4, rows: 10, bytes: 0, elapsedMs: 1000 }, 4)).toBe("[####] 4/4 x · 10 rows/s · ETA done");
  });

  it("off a terminal: no bar, each finished step a plain line", () => {
    const lines: string[] = [];
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const sink = progressSink(stream, (l) => lines.push(l));
    sink.update({ label: "x", done: 1, total: 2, rows: 1, bytes: 0, elapsedMs: 1 });
    sink.line("day 1 stored");
    sink.end();
    expect(lines).toEqual(["day 1 stored"]);
    expect(written).toEqual([]);
  });

  it("on a terminal: the bar is redrawn in place and cleared before a line", () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const sink = progressSink(stream, () => {});
    sink.update({ label: "x", done: 1, total: 2, rows: 1, bytes: 0, elapsedMs: 1000 });
    sink.line("day 1 stored");
    expect(written[0].startsWith("\r\x1b[2K[")).toBe(true);
    expect(written[1]).toBe("\r\x1b[2Kday 1 stored\n");
  });
});
