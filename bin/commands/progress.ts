// Progress of a long command: a bar with rate and ETA redrawn in place on a terminal, plain lines otherwise
// (a log file or a pipe gets one line per finished step, never carriage returns).
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  rows: number;
  bytes: number;
  elapsedMs: number;
}

const fmtBytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1 << 10 ? `${(n / (1 << 10)).toFixed(0)} KiB` : `${n} B`);
const fmtSecs = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.round(s)}s`);

/** One bar line: "[#####-----] 5/10 BTCUSDT depth · 1,234 rows/s · 2.0 MiB/s · ETA 12s". */
export function formatProgressBar(p: ProgressState, width = 20): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(frac * width);
  const secs = p.elapsedMs / 1000;
  const rowsPerSec = secs > 0 ? p.rows / secs : 0;
  const bytesPerSec = secs > 0 ? p.bytes / secs : 0;
  // ETA from the steps done so far at the pace seen; unknown before the first step ends.
  const eta = p.done > 0 && p.done < p.total ? fmtSecs((secs / p.done) * (p.total - p.done)) : p.done >= p.total && p.total > 0 ? "done" : "…";
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total} ${p.label} · ${Math.round(rowsPerSec).toLocaleString("en-US")} rows/s${p.bytes ? ` · ${fmtBytes(bytesPerSec)}/s` : ""} · ETA ${eta}`;
}

export interface ProgressSink {
  /** Redraw the bar (terminal only; ignored otherwise). */
  update(p: ProgressState): void;
  /** A finished step: a line of its own in both modes. */
  line(text: string): void;
  end(): void;
}

export function progressSink(stream: NodeJS.WriteStream, plainLog: (line: string) => void): ProgressSink {
  if (!stream.isTTY) return { update() {}, line: plainLog, end() {} };
  let drawn = false;
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return; // at most 10 redraws a second
      last = now;
      stream.write(`\r\x1b[2K${formatProgressBar(p)}`);
      drawn = true;
    },
    line(text) {
      stream.write(`${drawn ? "\r\x1b[2K" : ""}${text}\n`);
      drawn = false;
    },
    end() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
