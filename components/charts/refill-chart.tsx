"use client";
// Book refill: after a drop of ≥ 30 % of one side's depth within 1 % of mid, how long the side took to win back
// half (the half-life) and 90 % of it — median and p90 half-life, median 90 % time, normal vs stress windows.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MarketFigures } from "@/lib/views/market";
import { ChartFrame, MARGIN, NoChartData, TICK, xLabel, yLabel } from "./chart-kit";

const secs = (ms: number | null) => (ms === null ? null : ms / 1000);

export function RefillChart({ refill }: { refill: MarketFigures["refill"] }) {
  if (!refill) return <NoChartData>No books stored for this market in this window: no refill can be read.</NoChartData>;
  if (refill.all.events === 0) return <NoChartData>{`No drop of ${Math.round(refill.dropShare * 100)} % or more of one side's depth within ${refill.bandBps} bps over ${refill.snapshots} snapshots${refill.note ? ` (${refill.note})` : ""}.`}</NoChartData>;
  const data = (["normal", "stress"] as const).map((k) => ({
    regime: `${k} (${refill[k].recovered50}/${refill[k].events} refilled)`,
    median: secs(refill[k].medianHalfLifeMs),
    p90: secs(refill[k].p90HalfLifeMs),
    median90: secs(refill[k].median90Ms),
  }));
  const unrecovered = refill.all.events - refill.all.recovered50;
  return (
    <ChartFrame
      testId="chart-refill"
      label="Book refill half-life"
      caption={`${refill.all.events} drops of ≥ ${Math.round(refill.dropShare * 100)} % of one side's depth within ${refill.bandBps} bps of mid over ${refill.snapshots} ${refill.source === "bands" ? "depth-band" : "level"} snapshots, one every ${Math.round((refill.cadenceMs ?? 0) / 1000)} s; ${unrecovered} not half refilled before a gap or the window's end.${refill.note ? ` ${refill.note}.` : ""}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="regime" tick={TICK} label={xLabel("Regime")} />
          <YAxis tick={TICK} width={56} label={yLabel("Seconds")} />
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? "no refill" : `${Number(v).toFixed(0)} s`, name]} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="median" name="half-life, median" fill="var(--c1)" isAnimationActive={false} />
          <Bar dataKey="p90" name="half-life, p90" fill="var(--c2)" isAnimationActive={false} />
          <Bar dataKey="median90" name="90 % refilled, median" fill="var(--c3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
