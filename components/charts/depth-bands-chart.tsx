"use client";
// Visible depth within bands around mid (median over sampled snapshots), bids and asks side by side.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketFigures } from "@/lib/views/market";
import { fmtUsd } from "@/lib/format";
import { ChartFrame, MARGIN, NoChartData, TICK, usdTick, xLabel, yLabel } from "./chart-kit";

export function DepthBandsChart({ bands }: { bands: MarketFigures["depthBands"] }) {
  if (bands.length === 0 || bands.every((b) => b.bidUsd === null && b.askUsd === null)) return <NoChartData>No order-book snapshots in this window: no depth profile.</NoChartData>;
  const data = bands.map((b) => ({ band: `±${b.bandBps}`, bidUsd: b.bidUsd, askUsd: b.askUsd }));
  return (
    <ChartFrame testId="chart-depth-bands" label="Depth by band" caption="Median over the sampled snapshots of the USD value resting within each distance of mid (cumulative).">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="band" tick={TICK} label={xLabel("Distance from mid (bps)")} />
          <YAxis tick={TICK} tickFormatter={usdTick} width={64} label={yLabel("Depth (USD)")} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? "no data" : fmtUsd(Number(v)), name]} labelFormatter={(l) => `${l} bps of mid`} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="bidUsd" name="bids" fill="var(--bid)" isAnimationActive={false} />
          <Bar dataKey="askUsd" name="asks" fill="var(--ask)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
