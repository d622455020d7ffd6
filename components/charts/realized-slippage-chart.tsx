"use client";
// Implied vs realized slippage by sweep size: what the stored books said a sweep of each size would cost
// (p50 walk at the bucket's middle notional) beside what the market's real sweeps paid (p50 and p95).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RealizedFigures } from "@/lib/views/realized";
import { fmtBps } from "@/lib/format";
import { ChartFrame, MARGIN, NoChartData, TICK, xLabel, yLabel } from "./chart-kit";

export function RealizedSlippageChart({ realized }: { realized: RealizedFigures | null | undefined }) {
  if (!realized) return <NoChartData>No trade prints stored for this market in this window: no realized slippage (import a trades file or recording).</NoChartData>;
  const rows = realized.buckets.filter((b) => b.all.sweeps > 0 || b.impliedP50Bps !== null);
  if (rows.every((b) => b.all.withMid === 0)) return <NoChartData>{realized.sweeps} sweeps stored, none with a pre-trade mid: no realized slippage.</NoChartData>;
  const data = rows.map((b) => ({ bucket: b.label, implied: b.impliedP50Bps, realizedP50: b.all.slippageBps.p50, realizedP95: b.all.slippageBps.p95, sweeps: b.all.withMid }));
  return (
    <ChartFrame
      testId="chart-realized-slippage"
      label="Implied vs realized slippage by size"
      caption={`Realized: ${realized.sweeps} sweeps from ${realized.prints} prints, VWAP against the mid just before each (p50, p95). Implied: p50 book walk at a notional near the bucket's middle ($10k, $20k, $60k, $200k … read from the books' stored curves) over ${realized.booksUsed} stored books${realized.booksUsed ? "" : " (none: no implied figure)"}.`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={TICK} label={xLabel("Sweep notional")} />
          <YAxis tick={TICK} width={56} label={yLabel("Slippage (bps)")} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? "no data" : fmtBps(Number(v), 2), name]} labelFormatter={(l, p) => `${l}: ${p?.[0]?.payload?.sweeps ?? 0} sweeps with a mid`} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="implied" name="implied (book walk p50)" fill="var(--c1)" isAnimationActive={false} />
          <Bar dataKey="realizedP50" name="realized p50" fill="var(--c2)" isAnimationActive={false} />
          <Bar dataKey="realizedP95" name="realized p95" fill="var(--c3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
